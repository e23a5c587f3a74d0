/** The reading side: a run's entries, parsed, and its stored result. */
import type { ServiceRedis } from "../redis/service-client";
import type { TraceEvent } from "../trace";
import { parseStreamedEvent, streamKeys } from "./protocol";

export interface StreamEntry {
  /** The stream entry id ("ms-n"), what SSE resumes after. */
  id: string;
  /** The frame as stored, to forward unchanged. */
  frame: string;
  /** The frame parsed; null when it is not an event. */
  event: TraceEvent | null;
}

/** A stream entry id, as a client may send it back to resume. */
export const STREAM_ID = /^\d{1,20}-\d{1,20}$/;

type RawEntry = [id: string, fields: string[]];

const toEntry = ([id, fields]: RawEntry): StreamEntry => {
  const frame = fields[1] ?? "{}";
  return { id, frame, event: parseStreamedEvent(frame) };
};

export interface ReadOptions {
  /** At most this many entries. */
  count: number;
  /** Wait up to this long for entries after `after` (XREAD BLOCK: use a connection of its own). Omit to read what is there. */
  blockMs?: number;
}

/** The entries after `after` ("0" for all). */
export async function readEntries(conn: ServiceRedis, runId: string, after: string, opts: ReadOptions): Promise<StreamEntry[]> {
  const { events } = streamKeys(runId);
  if (opts.blockMs === undefined) return ((await conn.xrange(events, `(${after}`, "+", "COUNT", opts.count)) as RawEntry[]).map(toEntry);
  const res = (await conn.xread("COUNT", opts.count, "BLOCK", opts.blockMs, "STREAMS", events, after)) as [string, RawEntry[]][] | null;
  return (res?.[0]?.[1] ?? []).map(toEntry);
}

/** True once the run has ended: its result is stored. */
export async function runHasEnded(redis: ServiceRedis, runId: string): Promise<boolean> {
  return (await redis.exists(streamKeys(runId).result)) === 1;
}

/** The stored result's JSON (null while the run is going, or after it expired). */
export function readStoredResult(redis: ServiceRedis, runId: string): Promise<string | null> {
  return redis.get(streamKeys(runId).result);
}
