/** The result of a run that ended before its program started (too long, a syntax error). */
import type { ServiceRedis } from "../../redis/service-client";
import { LIMIT_CODES } from "../../errors";
import { streamSink } from "../stream-sink";
import type { RunErrorInfo, RunResult } from "../types";

export function earlyResult(runId: string, t0: number, error: RunErrorInfo, transpileMs = 0): RunResult {
  return {
    runId,
    status: LIMIT_CODES.has(error.code) ? "limit" : "error",
    output: [],
    trace: { version: 1, clients: [], events: [{ kind: "end", seq: 1, at: 0, status: "error", message: error.message }], truncated: false },
    error,
    timings: { totalMs: performance.now() - t0, transpileMs, programMs: 0, cpuMs: 0 },
  };
}

/** A run rejected before it starts still ends its stream, so live viewers are never left waiting. */
export async function endStream(service: ServiceRedis, result: RunResult, stream: boolean | undefined): Promise<RunResult> {
  if (stream) {
    const sink = streamSink(service, result.runId);
    for (const e of result.trace.events) sink.push(e);
    await sink.close(result).catch(() => {});
  }
  return result;
}
