/** Errors from inside the guest: read out of QuickJS, then told to the learner. */
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core";
import { LEARNER_FILE } from "../transpile";
import { limitError } from "../limits/messages";
import type { RunErrorInfo, RunLimits } from "../types";
import type { GuestError } from "./host";

const LINE_COL = new RegExp(`${LEARNER_FILE.replace(".", "\\.")}:(\\d+):(\\d+)`);

/** A thrown guest value as name, message, line and column (from the error, else its stack). */
export function readGuestError(vm: QuickJSContext, h: QuickJSHandle): GuestError {
  const d = vm.dump(h) as unknown;
  if (d && typeof d === "object") {
    const o = d as Record<string, unknown>;
    const stack = typeof o.stack === "string" ? o.stack : "";
    const m = LINE_COL.exec(stack);
    const line = typeof o.line === "number" && o.line > 0 ? o.line : m ? Number(m[1]) : typeof o.lineNumber === "number" ? o.lineNumber : undefined;
    return {
      name: typeof o.name === "string" ? o.name : "Error",
      message: typeof o.message === "string" ? o.message : String(d),
      line,
      column: m && (!o.line || Number(m[1]) === o.line) ? Number(m[2]) : undefined,
    };
  }
  return { name: "Error", message: String(d) };
}

/** What the meter saw when the guest stopped: it tells a limit from the program's own error. */
export interface GuestStop {
  memoryExceeded: boolean;
  cpuExceeded(): boolean;
}

/**
 * The learner-facing error for what the guest threw. QuickJS reports its own stops as
 * InternalError with fixed words ("interrupted", "out of memory", "stack overflow"): those are
 * told apart by the meter first and by QuickJS's words only where the meter has no say.
 */
export function guestRunError(e: GuestError, stop: GuestStop, limits: RunLimits): RunErrorInfo {
  if (/out of memory/i.test(e.message) || stop.memoryExceeded) return { ...limitError("memory_limit", limits), line: e.line };
  if (/interrupted/i.test(e.message) && stop.cpuExceeded()) return { ...limitError("cpu_limit", limits), line: e.line };
  if (/interrupted/i.test(e.message)) return { code: "internal", message: "The playground stopped your program unexpectedly. Please run it again." };
  if (/stack overflow|call stack/i.test(e.message))
    return { code: "runtime", message: "RangeError: too much recursion - a function keeps calling itself without stopping.", line: e.line, column: e.column };
  if (e.name === "SyntaxError") return { code: "syntax", message: `SyntaxError: ${e.message}`, line: e.line, column: e.column };
  return { code: "runtime", message: `${e.name}: ${e.message}`, line: e.line, column: e.column };
}
