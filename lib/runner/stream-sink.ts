/**
 * A streamed run (race lab, SSE viewers): its events go to the run's Redis Stream as they
 * happen, and its result is stored for replay, both for REPLAY_TTL_S. Both are bounded: the
 * stream gets only the events the trace kept (see recorder.ts), each frame at most
 * STREAM_EVENT_MAX_CHARS, and the stored result is the bounded JSON of bound-result.ts.
 */
import type Redis from "ioredis";
import { MAX_TRACE_EVENTS } from "./recorder/trace-recorder";
import { resultJson } from "./worker/result-json";
import type { RunResult } from "./types";
import type { TraceEvent } from "../trace/types";
import { REPLAY_TTL_S, serviceKeys } from "../redis/namespace";

/**
 * Entries a run's stream keeps: the trace keeps at most MAX_TRACE_EVENTS and the sink gets only
 * those, so this is a backstop (MAXLEN ~ trims whole nodes, cheaply).
 */
const STREAM_MAXLEN = MAX_TRACE_EVENTS + 100;
/** One streamed event's JSON at most; the recorder's bounds keep real events far below it. */
export const STREAM_EVENT_MAX_CHARS = 16_000;

const TOO_LARGE = "... (too large to show)";

/** The event as streamed: whole, or with its values replaced when it is larger than a frame should be. */
export function streamedEvent(e: TraceEvent): string {
  const json = JSON.stringify(e);
  if (json.length <= STREAM_EVENT_MAX_CHARS) return json;
  // Every other field is short (ids, names, numbers); the recorder cuts texts and key names.
  const cut = (t: string) => t.slice(0, 1000);
  const slim: TraceEvent =
    e.kind === "command"
      ? { ...e, args: [TOO_LARGE], ...(e.reply !== undefined ? { reply: TOO_LARGE } : {}), ...(e.error !== undefined ? { error: cut(e.error) } : {}) }
      : e.kind === "pause"
        ? { ...e, args: [TOO_LARGE] }
        : e.kind === "end"
          ? { ...e, ...(e.message !== undefined ? { message: cut(e.message) } : {}) }
          : { ...e, text: cut(e.text) };
  return JSON.stringify(slim);
}

/** Publishes events to the run's Redis Stream as they happen, and the (bounded) result for replay. */
export function streamSink(service: Redis, runId: string) {
  const keys = serviceKeys(runId);
  let first = true;
  const push = (e: TraceEvent) => {
    const p = service.pipeline().xadd(keys.events, "MAXLEN", "~", String(STREAM_MAXLEN), "*", "e", streamedEvent(e));
    if (first) p.expire(keys.events, REPLAY_TTL_S);
    first = false;
    p.exec().catch(() => {});
  };
  const close = async (result: RunResult) => {
    await service.pipeline().set(keys.result, resultJson(result), "EX", REPLAY_TTL_S).expire(keys.events, REPLAY_TTL_S).exec();
  };
  return { push, close };
}
