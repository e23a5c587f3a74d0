import type { RunResult } from "@/lib/runner/types";
import type { TraceClient } from "@/lib/trace";

/** What the `result` SSE event carries: everything but the events already streamed. */
export interface StreamedResult {
  status: RunResult["status"];
  error?: RunResult["error"];
  output: string[];
  finalState?: RunResult["finalState"];
  clients: TraceClient[];
  truncated: boolean;
  timings: RunResult["timings"];
}

export function toStreamedResult(r: RunResult): StreamedResult {
  return {
    status: r.status,
    ...(r.error ? { error: r.error } : {}),
    output: r.output,
    ...(r.finalState ? { finalState: r.finalState } : {}),
    clients: r.trace.clients,
    truncated: r.trace.truncated,
    timings: r.timings,
  };
}
