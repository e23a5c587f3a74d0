/** The result of a run that never reached a worker, or whose worker never answered. */
import type { RunErrorInfo, RunRequest, RunResult } from "../types";

export const round = (n: number) => Math.round(n * 1000) / 1000;

export function notRun(req: RunRequest, t0: number, queueMs: number, error: RunErrorInfo): RunResult {
  return {
    runId: req.runId ?? "unknown",
    status: "error",
    output: [],
    trace: { version: 1, clients: [], events: [], truncated: false },
    error,
    timings: { totalMs: round(performance.now() - t0), transpileMs: 0, programMs: 0, cpuMs: 0, queueMs: round(queueMs) },
  };
}
