/** The writing side: the engine's sink for a streamed run, and the end of a run that never started. */
import type { ServiceRedis } from "../redis/service-client";
import type { ChainableCommander } from "ioredis";
import type { EndEvent, RunStatus, Trace, TraceEvent } from "../trace";
import { EVENT_FIELD, STREAM_MAX_ENTRIES, STREAM_TTL_S, streamedEvent, streamKeys } from "./protocol";

const append = (p: ChainableCommander, events: string, e: TraceEvent) =>
  p.xadd(events, "MAXLEN", "~", String(STREAM_MAX_ENTRIES), "*", EVENT_FIELD, streamedEvent(e));

/**
 * Publishes events to the run's stream as they happen, and at the end the result for replay.
 * `close` takes the result already bounded (lib/runner/bound-result.ts): this layer stores text.
 */
export function streamWriter(service: ServiceRedis, runId: string) {
  const keys = streamKeys(runId);
  let first = true;
  const push = (e: TraceEvent) => {
    const p = append(service.pipeline(), keys.events, e);
    if (first) p.expire(keys.events, STREAM_TTL_S);
    first = false;
    p.exec().catch(() => {});
  };
  const close = async (resultJson: string) => {
    await service.pipeline().set(keys.result, resultJson, "EX", STREAM_TTL_S).expire(keys.events, STREAM_TTL_S).exec();
  };
  return { push, close };
}

/** What the fallback needs of a run's result. */
export interface FinishedRun {
  runId: string;
  status: RunStatus;
  trace: Trace;
  error?: { message: string };
}

/**
 * A run rejected before it started (syntax error, bad request, pool failure) may never have
 * opened its stream: publish its end and result, so viewers are told instead of waiting forever.
 * Does nothing when the result is already stored. Returns whether it published.
 */
export async function publishUnlessStored(redis: ServiceRedis, run: FinishedRun, resultJson: string): Promise<boolean> {
  const keys = streamKeys(run.runId);
  if (await redis.exists(keys.result)) return false;
  const end: TraceEvent = run.trace.events.findLast((e): e is EndEvent => e.kind === "end") ?? {
    kind: "end",
    seq: (run.trace.events.at(-1)?.seq ?? 0) + 1,
    at: 0,
    status: run.status,
    ...(run.error ? { message: run.error.message } : {}),
  };
  const p = append(redis.multi(), keys.events, end);
  await p.expire(keys.events, STREAM_TTL_S).set(keys.result, resultJson, "EX", STREAM_TTL_S).exec();
  return true;
}
