/**
 * Tells the sandbox which line of the learner's program each call is on, without a stack trace.
 *
 * The trace shows the line of every command, and the sandbox used to find it by reading
 * `new Error().stack` at each call: in QuickJS (WASM) that costs ~60 µs, more than the rest of a
 * bridged command together. Instead, every call in the transpiled program gets one more, empty,
 * spread argument that first records its line:
 *
 *     await conn.get(key)   ->   await conn.get(key, ...__pg$line(14))
 *
 * The spread is evaluated after all the other arguments (awaits included) and right before the
 * call, and spreads nothing, so the call is unchanged: same arguments, same `arguments.length`.
 * Only text is inserted, never a newline, so lines stay those of the source; columns that QuickJS
 * reports are mapped back with `sourceColumn`.
 * A call this can't mark (`new X` without parentheses, code made by `eval`) falls back to the
 * stack trace in the sandbox.
 */
import { parse, type Node } from "acorn";
import { simple } from "acorn-walk";

/** The name the marker function has inside the program (a parameter of its wrapper). */
export const LINE_MARK_FN = "__pg$line";

type Located = Node & { loc: { end: { line: number; column: number } } };
type CallLike = Located & { callee: Located; arguments: Located[] };

export interface MarkedProgram {
  code: string;
  /** Maps a column QuickJS reports on a line of `code` back to that line before marking. */
  sourceColumn(line: number, column: number): number;
}

/** The program with every call marked, or undefined when it can't be parsed (then: unmarked). */
export function markCallLines(js: string): MarkedProgram | undefined {
  // Per insertion: where (offset), what, and its place on its line (0-based column) for mapping.
  const inserts: { at: number; text: string; line: number; column: number }[] = [];
  const mark = (node: CallLike, isNew: boolean) => {
    const close = node.end - 1;
    if (js[close] !== ")") return;
    // `new (f())` ends with its callee's parenthesis; `new (0, X)()` has an argument list.
    if (isNew && node.arguments.length === 0 && stripComments(js.slice(node.callee.end, close)).replace(/^[\s)]*/, "").trim() !== "(") return;
    const last = node.arguments[node.arguments.length - 1];
    const trailingComma = last !== undefined && stripComments(js.slice(last.end, close)).includes(",");
    const spread = `...${LINE_MARK_FN}(${node.callee.loc.end.line})`;
    const text = last === undefined || trailingComma ? spread : `, ${spread}`;
    inserts.push({ at: close, text, line: node.loc.end.line, column: node.loc.end.column - 1 });
  };
  try {
    const ast = parse(js, { ecmaVersion: "latest", sourceType: "script", locations: true, allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true });
    simple(ast, {
      CallExpression: (n) => mark(n as unknown as CallLike, false),
      NewExpression: (n) => mark(n as unknown as CallLike, true),
    });
  } catch {
    // Not JavaScript acorn accepts, or nested deep enough to exhaust the host's stack: unmarked.
    return undefined;
  }
  inserts.sort((a, b) => a.at - b.at);
  const shifts = new Map<number, [number, number][]>();
  let out = "";
  let from = 0;
  for (const { at, text, line, column } of inserts) {
    out += js.slice(from, at) + text;
    from = at;
    shifts.set(line, [...(shifts.get(line) ?? []), [column, text.length]]);
  }
  out += js.slice(from);
  return {
    code: out,
    sourceColumn(line, column) {
      let shift = 0;
      for (const [col, len] of shifts.get(line) ?? []) {
        if (column <= col + shift) break;
        shift += len;
      }
      return Math.max(1, column - shift);
    },
  };
}

/** Comments out of a stretch of code between tokens (keeps newlines, so nothing shifts). */
function stripComments(s: string): string {
  return s.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/[^\n]*/g, "");
}
