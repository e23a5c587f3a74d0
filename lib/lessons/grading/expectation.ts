/**
 * A unit's expected result (unit.json "expected"): the lines its program prints and the values
 * it leaves in Redis. One home for the rule, used by the Run's "you got there" tick and by the
 * grader's first two tests. An expected line must be a whole output line, exactly (spaces at
 * either end aside): "...: 165" is not met by "...: 165166" or by "...: 1650".
 */
import type { UnitExpectation } from "../types";
import type { TraceValue } from "@/lib/trace";

/** How the output falls short of the expected lines: the first expected line it lacks. */
export interface OutputMismatch {
  /** The expected line that is missing. */
  expected: string;
  /** The expected line before it, when the missing one had to come after it. */
  after?: string;
  /** The learner's line that comes closest (1-based in their output), if one is close. */
  closest?: { line: number; text: string };
  /** The expected line is printed, but before the line it has to follow. */
  tooEarly?: boolean;
}

/** The learner's output as lines, trimmed: a console.log of "a\nb" is two lines. */
export function outputLines(output: readonly string[]): string[] {
  return output.flatMap((entry) => entry.split("\n")).map((l) => l.trim());
}

/** Every expected line appears as a whole line of the output, in order (others may sit between). */
export function outputMismatch(expected: readonly string[], output: readonly string[]): OutputMismatch | null {
  const lines = outputLines(output);
  let from = 0;
  for (const [i, raw] of expected.entries()) {
    const want = raw.trim();
    const at = lines.indexOf(want, from);
    if (at >= 0) {
      from = at + 1;
      continue;
    }
    const after = i > 0 ? expected[i - 1]!.trim() : undefined;
    const mismatch: OutputMismatch = { expected: want, ...(after !== undefined ? { after } : {}) };
    if (lines.indexOf(want) >= 0) return { ...mismatch, tooEarly: true };
    const closest = closestLine(want, lines, from);
    return closest ? { ...mismatch, closest } : mismatch;
  }
  return null;
}

/** A line that starts like the expected one for most of its length: the likely near miss. */
function closestLine(want: string, lines: string[], from: number): { line: number; text: string } | undefined {
  let best: { line: number; text: string; shared: number } | undefined;
  for (let j = from; j < lines.length; j++) {
    const text = lines[j]!;
    let shared = 0;
    while (shared < want.length && shared < text.length && want[shared] === text[shared]) shared += 1;
    if (shared >= Math.ceil(want.length * 0.6) && (!best || shared > best.shared)) best = { line: j + 1, text, shared };
  }
  return best && { line: best.line, text: best.text };
}

const SHOWN_LINES = 20;

/** The learner-facing sentence for a mismatch, with their output when no line comes close. */
export function describeOutputMismatch(m: OutputMismatch, output: readonly string[]): string {
  const lines = outputLines(output);
  const rule = "Each expected line has to match a whole line of your output exactly.";
  if (m.tooEarly) return `Your program printed "${m.expected}", but before "${m.after}"; it should come after it.`;
  if (m.closest) {
    return `Expected the line "${m.expected}", but line ${m.closest.line} of your output is "${m.closest.text}". ${rule}`;
  }
  const shown = lines.length === 0 ? "Your program printed nothing." : `Your output was:\n${lines.slice(0, SHOWN_LINES).join("\n")}`;
  return `Expected the line "${m.expected}"${m.after !== undefined ? ` after "${m.after}"` : ""}, but your program did not print it. ${shown}`;
}

/** The first key whose final value differs from the expected one, in the learner's words. */
export function finalStateMismatch(expected: Record<string, string>, actual: Record<string, TraceValue> | undefined): string | null {
  for (const [key, want] of Object.entries(expected)) {
    const got = actual?.[key];
    if (String(got ?? "") !== want) return `${key} ended at ${got ?? "(missing)"}, but it should be ${want}.`;
  }
  return null;
}

/** A quick "did you get there" used for progress ticks; the grader does the thorough checks. */
export function meetsExpectation(expected: UnitExpectation, output: readonly string[], finalState: Record<string, TraceValue> | undefined): boolean {
  return outputMismatch(expected.outputIncludes, output) === null && finalStateMismatch(expected.finalState, finalState) === null;
}
