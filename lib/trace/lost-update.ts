/**
 * "Lost update", read off a trace: every committed change to a counter key is an update the
 * program meant to make - a SET computed from the value its client last read (+ new - read), or
 * an INCRBY-style write (its amount). When the key's final value differs from its start plus all
 * of them, an update was lost; it is named by the two reads that saw the same value, the write
 * that was overwritten and the write that overwrote it. The race lab's explorer and the grader's
 * schedule exploration both use this one analysis.
 *
 * It understands GET reads and SET / INCR / INCRBY / DECR / DECRBY writes of one key, outside or
 * inside MULTI (counted when EXEC commits them); with any other write to the key it cannot say,
 * and answers null.
 */
import { writtenKeys } from "./analysis-commands";
import type { CommandEvent, Trace, TraceValue } from "./types";

export interface LostUpdateRead {
  client: string;
  seq: number;
  value: string;
}

export interface LostUpdate {
  key: string;
  /** The key's start plus every committed update. */
  expected: number;
  /** The key's final value (null: missing). */
  actual: number | null;
  /**
   * The reads behind it: the lost update's read, then the overwriting write's (the same value,
   * two clients) - or only the overwriting write's read when the lost update read nothing (an INCRBY).
   */
  reads: LostUpdateRead[];
  /** The write that was overwritten (an EXEC's seq, or a direct SET's). */
  lostWrite: { client: string; seq: number; delta: number };
  /** The write that overwrote it, computed from the stale read. */
  overwrite: { client: string; seq: number; value: string };
  /** In plain words, for the learner. */
  sentence: string;
}

export interface LostUpdateInput {
  key: string;
  /** The key's value before the first command (setup); default: what its first read saw, if nothing wrote before it. */
  initial?: number;
  /** The key's value at the end (RunResult.finalState); default: the value the trace's writes leave. */
  final?: TraceValue;
}

interface Update {
  client: string;
  /** Seq at which the write took effect: its EXEC, or the command itself. */
  seq: number;
  delta: number;
  /** The read it was computed from (a SET), if any. */
  read?: LostUpdateRead;
  value?: string;
}

const COUNTERS: Record<string, (args: TraceValue[]) => number> = {
  INCR: () => 1,
  DECR: () => -1,
  INCRBY: (a) => Number(a[1]),
  DECRBY: (a) => -Number(a[1]),
};

/** The lost update in this trace for `key`, or null when every update is in the final value (or the trace can't tell). */
export function findLostUpdate(trace: Trace, input: LostUpdateInput): LostUpdate | null {
  const updates = committedUpdates(trace, input.key);
  if (!updates) return null;
  const start = input.initial ?? firstRead(trace, input.key, updates);
  if (start === undefined) return null;
  const expected = start + updates.reduce((s, u) => s + u.delta, 0);
  const final = input.final === undefined ? valueAfter(start, updates) : input.final === null ? null : Number(input.final);
  if (final !== null && (Number.isNaN(final) || final === expected)) return null;
  // The overwrite: a SET from a read that was stale by the time it landed - an update between them was lost.
  for (const [i, w] of updates.entries()) {
    if (!w.read || w.value === undefined) continue;
    const lost = updates.slice(0, i).find((u) => u.client !== w.client && u.seq > w.read!.seq && u.read?.value === w.read!.value);
    const missed = lost ?? updates.slice(0, i).find((u) => u.client !== w.client && u.seq > w.read!.seq);
    if (!missed) continue;
    const reads = missed.read ? [missed.read, w.read] : [w.read];
    return {
      key: input.key,
      expected,
      actual: final,
      reads,
      lostWrite: { client: missed.client, seq: missed.seq, delta: missed.delta },
      overwrite: { client: w.client, seq: w.seq, value: w.value },
      sentence: sentence(input.key, reads, missed, w, expected, final),
    };
  }
  return null;
}

function sentence(key: string, reads: LostUpdateRead[], lost: Update, over: Update, expected: number, final: number | null): string {
  // In the order they happened.
  const [a, b] = reads.length === 2 ? [...reads].sort((x, y) => x.seq - y.seq) : [undefined, reads[0]!];
  const both =
    a && b && a.value === b.value
      ? `${a.client} and ${b.client} both read ${key} = ${a.value} (#${a.seq} and #${b.seq})`
      : `${b!.client} read ${key} = ${b!.value} (#${b!.seq}) before ${lost.client}'s write`;
  const signed = lost.delta < 0 ? `${lost.delta}` : `+${lost.delta}`;
  return `Lost update: ${both}. ${lost.client}'s write at #${lost.seq} committed first, then ${over.client}'s write at #${over.seq} set ${key} to ${over.value}, computed from the old value - so ${lost.client}'s ${signed} is lost. ${key} ends at ${final ?? "(missing)"} instead of ${expected}.`;
}

/** Every committed update of the key in the order it took effect; null when a write of it can't be added up. */
function committedUpdates(trace: Trace, key: string): Update[] | null {
  const out: Update[] = [];
  const lastRead = new Map<string, LostUpdateRead>();
  const queued = new Map<string, CommandEvent[]>();
  const writes = (e: CommandEvent) => writtenKeys(e).includes(key);
  for (const ev of trace.events) {
    if (ev.kind !== "command") continue;
    if (ev.queued) {
      if (writes(ev)) queued.set(ev.client, [...(queued.get(ev.client) ?? []), ev]);
      continue;
    }
    if (ev.name === "GET" && String(ev.args[0]) === key && ev.error === undefined) {
      lastRead.set(ev.client, { client: ev.client, seq: ev.seq, value: ev.reply === null || ev.reply === undefined ? "0" : String(ev.reply) });
      continue;
    }
    const done = ev.name === "EXEC" ? (ev.outcome === "committed" ? (queued.get(ev.client) ?? []) : []) : writes(ev) && ev.error === undefined ? [ev] : [];
    if (ev.name === "EXEC" || ev.name === "DISCARD") queued.delete(ev.client);
    for (const w of done) {
      const u = asUpdate(w, ev.seq, lastRead.get(ev.client));
      if (!u) return null;
      out.push(u);
    }
  }
  return out;
}

/** The update a write makes; null for a write this analysis can't add up (another command, or a SET its client read nothing for). */
function asUpdate(w: CommandEvent, seq: number, read: LostUpdateRead | undefined): Update | null {
  const counter = COUNTERS[w.name];
  if (counter) return { client: w.client, seq, delta: counter(w.args) };
  if (w.name !== "SET" || w.args.length !== 2 || !read) return null;
  const value = String(w.args[1]);
  return { client: w.client, seq, delta: Number(value) - Number(read.value), value, read };
}

function firstRead(trace: Trace, key: string, updates: Update[]): number | undefined {
  const read = trace.events.find((e): e is CommandEvent => e.kind === "command" && e.name === "GET" && !e.queued && String(e.args[0]) === key);
  if (!read || (updates[0] && updates[0].seq < read.seq)) return updates.length === 0 ? 0 : undefined;
  return Number(read.reply ?? 0);
}

function valueAfter(start: number, updates: Update[]): number {
  let v = start;
  for (const u of updates) v = u.value !== undefined ? Number(u.value) : v + u.delta;
  return v;
}
