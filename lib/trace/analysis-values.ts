/**
 * The watched keys' values over the run, reconstructed from what the learner's code saw:
 * GET replies and writes whose result is known. Best effort - the trace never reads Redis
 * itself, so a write we cannot evaluate (HSET on a string track, APPEND) shows as "changed".
 */
import { execResult, writtenKeys } from "./analysis-commands";
import type { CommandEvent, Trace, TraceValue } from "./types";

export interface ValuePoint {
  seq: number;
  client: string;
  /** read: a GET reply; write: a command (or committed transaction) changed the key. */
  source: "read" | "write";
  /** Undefined when the key changed but the new value cannot be known from the trace. */
  value?: TraceValue;
}

export interface ValueTrack {
  key: string;
  /** Ordered by seq. */
  points: ValuePoint[];
}

const COUNTERS = new Set(["INCR", "DECR", "INCRBY", "DECRBY", "INCRBYFLOAT"]);
const DELETES = new Set(["DEL", "UNLINK", "GETDEL"]);

/** What a write did to `key`, given the result the code received; null when it did nothing. */
function written(e: CommandEvent, key: string, result: TraceValue | undefined): ValuePoint | null {
  const base = { seq: e.seq, client: e.client, source: "write" as const };
  if (COUNTERS.has(e.name)) return result === undefined ? base : { ...base, value: result };
  if (DELETES.has(e.name)) return { ...base, value: null };
  if (e.name === "SET" || e.name === "SETEX" || e.name === "PSETEX" || e.name === "GETSET") {
    const v = e.name === "SET" || e.name === "GETSET" ? e.args[1] : e.args[2];
    // SET ... NX/XX replies null when it did not write.
    if (e.name === "SET" && result === null) return null;
    return v === undefined ? base : { ...base, value: String(v) };
  }
  if (e.name === "SETNX") return result === 0 ? null : { ...base, value: String(e.args[1] ?? "") };
  if (e.name === "MSET") {
    const i = e.args.findIndex((a, j) => j % 2 === 0 && String(a) === key);
    const v = e.args[i + 1];
    return v === undefined ? base : { ...base, value: String(v) };
  }
  return base;
}

export function watchedValues(trace: Trace): ValueTrack[] {
  const commands: CommandEvent[] = [];
  const watched = new Set<string>();
  const read = new Set<string>();
  for (const e of trace.events) {
    if (e.kind !== "command" || e.error !== undefined) continue;
    commands.push(e);
    if (e.name === "WATCH" && !e.queued) for (const a of e.args) watched.add(String(a));
    else if (e.name === "GET") read.add(String(e.args[0]));
  }
  // A program that forgot WATCH still deserves a track: fall back to the keys it read.
  const keys = [...(watched.size > 0 ? watched : read)];
  const tracks = new Map<string, ValuePoint[]>(keys.map((k) => [k, []]));
  const add = (key: string, p: ValuePoint | null) => {
    if (p) tracks.get(key)?.push(p);
  };
  const queuedBy = new Map<string, CommandEvent[]>();

  for (const e of commands) {
    if (e.name === "MULTI") queuedBy.set(e.client, []);
    else if (e.queued) queuedBy.get(e.client)?.push(e);
    else if (e.name === "EXEC" || e.name === "DISCARD") {
      const queued = queuedBy.get(e.client) ?? [];
      queuedBy.delete(e.client);
      const committed = e.name === "EXEC" && (e.outcome ?? (Array.isArray(e.reply) ? "committed" : "")) === "committed";
      if (!committed) continue;
      queued.forEach((q, i) => {
        const result = execResult(e.reply, i);
        const at = { ...q, seq: e.seq, client: e.client };
        if (q.name === "GET") add(String(q.args[0]), result === undefined ? null : { seq: e.seq, client: e.client, source: "read", value: result });
        for (const k of writtenKeys(q)) add(k, written(at, k, result));
      });
    } else if (e.name === "GET" && e.reply !== undefined) {
      add(String(e.args[0]), { seq: e.seq, client: e.client, source: "read", value: e.reply });
    } else {
      for (const k of writtenKeys(e)) add(k, written(e, k, e.reply));
    }
  }
  return keys.map((key) => ({ key, points: tracks.get(key) ?? [] }));
}

/** The last point at or before `seq` (binary search; points are ordered by seq). */
export function valueAt(track: ValueTrack, seq: number): ValuePoint | undefined {
  let lo = 0;
  let hi = track.points.length - 1;
  let found: ValuePoint | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = track.points[mid]!;
    if (p.seq <= seq) {
      found = p;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
