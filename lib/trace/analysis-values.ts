/**
 * The watched keys' values over the run, reconstructed from what the learner's code saw:
 * GET replies and writes whose result is known. Best effort - the trace never reads Redis
 * itself, so a write we cannot evaluate (HSET on a string track, APPEND) shows as "changed".
 */
import { execItem, writtenKeys } from "./analysis-commands";
import { commandSpec } from "../commands/catalogue";
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


const point = (seq: number, client: string, value?: TraceValue): ValuePoint =>
  value === undefined ? { seq, client, source: "write" } : { seq, client, source: "write", value };

/**
 * What command `e` did to `key` at `seq` (its own, or its EXEC's for a queued command), given
 * the result the code received; null when it did nothing. Runs per write of a long race, so it
 * builds the point directly instead of spreading.
 */
function written(e: CommandEvent, seq: number, client: string, key: string, result: TraceValue | undefined): ValuePoint | null {
  const { name, args } = e;
  const spec = commandSpec(name);
  if (spec?.counter) return point(seq, client, result);
  if (spec?.holds === "delete") return point(seq, client, null);
  if (name === "SET" || name === "SETEX" || name === "PSETEX" || name === "GETSET") {
    const v = name === "SET" || name === "GETSET" ? args[1] : args[2];
    // SET ... NX/XX replies null when it did not write.
    if (name === "SET" && result === null) return null;
    return point(seq, client, v === undefined ? undefined : String(v));
  }
  if (name === "SETNX") return result === 0 ? null : point(seq, client, String(args[1] ?? ""));
  if (name === "MSET") {
    const i = args.findIndex((a, j) => j % 2 === 0 && String(a) === key);
    const v = args[i + 1];
    return point(seq, client, v === undefined ? undefined : String(v));
  }
  return point(seq, client);
}

const memo = new WeakMap<Trace, ValueTrack[]>();

/** The watched keys' value tracks. Memoized per trace object. */
export function watchedValues(trace: Trace): ValueTrack[] {
  const cached = memo.get(trace);
  if (cached) return cached;
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
        const item = execItem(e.reply, i);
        // A command that failed inside the transaction wrote nothing.
        if (item && !item.ok) return;
        const result = item?.value;
        if (q.name === "GET") add(String(q.args[0]), result === undefined ? null : { seq: e.seq, client: e.client, source: "read", value: result });
        for (const k of writtenKeys(q)) add(k, written(q, e.seq, e.client, k, result));
      });
    } else if (e.name === "GET" && e.reply !== undefined) {
      add(String(e.args[0]), { seq: e.seq, client: e.client, source: "read", value: e.reply });
    } else {
      for (const k of writtenKeys(e)) add(k, written(e, e.seq, e.client, k, e.reply));
    }
  }
  const result = keys.map((key) => ({ key, points: tracks.get(key) ?? [] }));
  memo.set(trace, result);
  return result;
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
