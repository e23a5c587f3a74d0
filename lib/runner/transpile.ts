import { transform } from "sucrase";
import type { RunErrorInfo } from "./types";
import { LINE_MARK_FN, markCallLines } from "./line-marks";
import { pythonLine } from "./guest/python";
import { PYTHON_MESSAGE } from "./guest/messages";

/** The file name QuickJS puts in stack frames of learner code; the prelude uses another. */
export const LEARNER_FILE = "learner.ts";

export type TranspileResult =
  | {
      ok: true;
      code: string;
      /** A column of a runtime error, as QuickJS reports it, back in the learner's line. */
      sourceColumn(line: number, column: number): number;
    }
  | { ok: false; error: RunErrorInfo };

/**
 * TypeScript -> JavaScript that QuickJS runs. Sucrase keeps line numbers (esbuild moves them),
 * and the wrapper opens on line 1 so top-level await works and lines still match the editor.
 */
export function transpile(source: string): TranspileResult {
  const hit = cache.get(source);
  if (hit) return hit;
  const result = transpileUncached(source);
  // Learners run the same code again and again (and the grader runs it five times at once).
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(source, result);
  return result;
}

const CACHE_ENTRIES = 256;
const cache = new Map<string, TranspileResult>();

function transpileUncached(source: string): TranspileResult {
  let js: string;
  try {
    js = transform(source, { transforms: ["typescript", "imports"], production: true, disableESTransforms: true }).code;
  } catch (e) {
    // Only a program TypeScript can't read is looked at as Python: valid TypeScript never is.
    const py = pythonLine(source);
    return { ok: false, error: py ? { code: "syntax", message: PYTHON_MESSAGE, line: py } : syntaxError(e) };
  }
  // A function expression: the sandbox evaluates it (compiling the program) and then calls it,
  // so a compiled program can be kept in a snapshot and run again without compiling. It is
  // handed the marker its calls use to tell their line (see line-marks).
  const marked = markCallLines(js);
  return {
    ok: true,
    code: `(async function __program__(${LINE_MARK_FN}) {${marked?.code ?? js}\n})`,
    sourceColumn: marked?.sourceColumn ?? ((_line, column) => column),
  };
}

function syntaxError(e: unknown): RunErrorInfo {
  const raw = e instanceof Error ? e.message : String(e);
  // Sucrase: 'Unexpected token, expected ";" (3:9)' - line and column are both 1-based.
  const m = /\((\d+):(\d+)\)\s*$/.exec(raw);
  const text = raw.replace(/\s*\(\d+:\d+\)\s*$/, "");
  const line = m ? Number(m[1]) : undefined;
  const column = m ? Number(m[2]) : undefined;
  return {
    code: "syntax",
    message: `Syntax error${line ? ` on line ${line}` : ""}: ${text}. Fix it in the editor and run again.`,
    line,
    column,
  };
}
