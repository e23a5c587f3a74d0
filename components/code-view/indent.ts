/** Indentation in the code view, as Monaco does it with its settings here (2 spaces). */
export const INDENT = "  ";

/** An edit to a textarea: replace [from, to) with `text`, then select [selectionStart, selectionEnd). */
export interface TextEdit {
  from: number;
  to: number;
  text: string;
  selectionStart: number;
  selectionEnd: number;
}

/**
 * What Tab (or Shift+Tab) does to the text and selection: with the caret inside one line, Tab
 * inserts spaces up to the next indent stop; with a selection across lines, or with Shift, every
 * line it touches is indented (or outdented) by one step, and the selection keeps covering them.
 */
export function tabEdit(value: string, start: number, end: number, outdent: boolean): TextEdit | null {
  const lineStart = value.lastIndexOf("\n", start - 1) + 1;
  const multiLine = value.slice(start, end).includes("\n");
  if (!outdent && !multiLine) {
    const column = start - lineStart;
    const text = " ".repeat(INDENT.length - (column % INDENT.length));
    return { from: start, to: end, text, selectionStart: start + text.length, selectionEnd: start + text.length };
  }
  // A selection that ends at the start of a line does not take that line along (as in Monaco).
  const last = multiLine && end > start && value[end - 1] === "\n" ? end - 1 : end;
  const lineEndAt = value.indexOf("\n", last);
  const blockEnd = lineEndAt === -1 ? value.length : lineEndAt;
  const lines = value.slice(lineStart, blockEnd).split("\n");
  let firstShift = 0;
  let total = 0;
  const changed = lines.map((line, i) => {
    let shift: number;
    let next: string;
    if (outdent) {
      const spaces = line.match(/^ */)![0].length;
      // Back to the previous indent stop.
      shift = -Math.min(spaces, spaces % INDENT.length || INDENT.length);
      next = line.slice(-shift);
    } else {
      shift = line.length > 0 ? INDENT.length : 0;
      next = shift ? INDENT + line : line;
    }
    if (i === 0) firstShift = shift;
    total += shift;
    return next;
  });
  if (total === 0) return null;
  const text = changed.join("\n");
  return {
    from: lineStart,
    to: blockEnd,
    text,
    // A selection from a line's start keeps starting there (it takes the new indent along).
    selectionStart: start === lineStart ? lineStart : Math.max(lineStart, start + firstShift),
    selectionEnd: Math.max(lineStart, end + total),
  };
}
