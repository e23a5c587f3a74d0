/**
 * A streamed run (race lab, SSE viewers): its events go to the run's Redis Stream as they
 * happen, and its result is stored for replay (the protocol: lib/race-stream). Both are
 * bounded: the stream gets only the events the trace kept (see recorder.ts), each frame cut to
 * STREAM_EVENT_MAX_CHARS, and the stored result is the bounded JSON of bound-result.ts.
 */
import type { ServiceRedis } from "../redis/service-client";
import { resultJson } from "./worker/result-json";
import type { RunResult } from "./types";
import { streamWriter } from "../race-stream";

export function streamSink(service: ServiceRedis, runId: string) {
  const writer = streamWriter(service, runId);
  return { push: writer.push, close: (result: RunResult) => writer.close(resultJson(result)) };
}
