/**
 * A run's result as JSON text, at most RESULT_MAX_BYTES of UTF-8 whatever the program did. The
 * recorder's bounds keep a trace far below it; this is the guarantee on the whole result
 * (output, trace, final state together), applied where the result is written anyway: the
 * worker's reply and the race lab's stored result. A result over it keeps its output, error and
 * timings; the final state goes first, then trace events from the end (the end event stays),
 * and the trace is marked `truncated`.
 */
import type { RunResult } from "../types";
import type { TraceEvent } from "../../trace";

export const RESULT_MAX_BYTES = 1024 * 1024;
/** What the output alone may take; it is already bounded in characters (64 KB by default). */
const OUTPUT_MAX_BYTES = 400_000;

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

export function resultJson(result: RunResult): string {
  const text = JSON.stringify(result);
  // A UTF-16 unit is at most 3 bytes of UTF-8: most results never need counting.
  if (text.length * 3 <= RESULT_MAX_BYTES || bytes(text) <= RESULT_MAX_BYTES) return text;
  return JSON.stringify(boundResult(result));
}

/** The result cut down to RESULT_MAX_BYTES (see the file comment). */
function boundResult(result: RunResult): RunResult {
  const output: string[] = [];
  let used = 0;
  for (const line of result.output) {
    used += bytes(JSON.stringify(line)) + 1;
    if (used > OUTPUT_MAX_BYTES) {
      output.push(`... ${result.output.length - output.length} more lines not kept (the result is too large)`);
      break;
    }
    output.push(line);
  }
  const { finalState: _dropped, ...rest } = result;
  const base: RunResult = { ...rest, output, trace: { ...result.trace, events: [], truncated: true } };
  let budget = RESULT_MAX_BYTES - bytes(JSON.stringify(base)) - 1000;
  const all = result.trace.events;
  const end = all.at(-1)?.kind === "end" ? all.at(-1) : undefined;
  if (end) budget -= bytes(JSON.stringify(end)) + 1;
  const events: TraceEvent[] = [];
  for (const e of end ? all.slice(0, -1) : all) {
    budget -= bytes(JSON.stringify(e)) + 1;
    if (budget < 0) break;
    events.push(e);
  }
  if (end) events.push(end);
  return { ...base, trace: { ...base.trace, events } };
}
