/**
 * Editor -> timeline: the events one source line issued, and which one to show next when the
 * learner clicks that line again (each click moves on to its next command, then wraps).
 */
import { eventLine } from "@/lib/trace";
import type { Trace } from "@/lib/trace";

/** A click on a line of the editor; `nonce` tells two clicks on the same line apart. */
export interface LineRequest {
  line: number;
  nonce: number;
}

/** Event indexes whose learner line is `line`, in run order. */
export function eventsOfLine(trace: Trace, line: number): number[] {
  const out: number[] = [];
  trace.events.forEach((e, i) => {
    if (eventLine(e) === line) out.push(i);
  });
  return out;
}

/** The first of `indexes` after `after` (an event index, or -1), wrapping to the first. */
export function nextOf(indexes: number[], after: number): number | undefined {
  return indexes.find((i) => i > after) ?? indexes[0];
}
