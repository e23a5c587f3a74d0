/**
 * What "the same output" means between the two worlds. The one thing normalised is the frames of
 * a printed stack ("    at ..."): they name host files in Node and the learner's file in the
 * playground. The text around them - the error's header, the " {" that opens its extra
 * properties, and those properties - must match exactly.
 */
export function withoutStackFrames(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (/^\s+at \S/.test(line)) {
      // Node appends " {" (the error's own properties follow) to the last frame.
      if (line.endsWith(" {") && out.length > 0) out[out.length - 1] += " {";
      continue;
    }
    out.push(line);
  }
  return out;
}
