/**
 * Pure analysis of a trace: attempts (WATCH..EXEC spans), retries, WatchErrors and conflicts.
 * Isomorphic and I/O-free: the timeline, the grader and the race lab all derive from here, so
 * "what counts as an attempt" has exactly one definition.
 */
import { execItem, isWriteCommand, writtenKeys } from "./analysis-commands";
import type { CommandEvent, Trace, TraceEvent } from "./types";


export type AttemptOutcome = "committed" | "aborted" | "discarded" | "unwatched" | "open";

/** One optimistic-transaction attempt of one client: from its first WATCH (or MULTI) to its end. */
export interface Attempt {
  client: string;
  /** 1-based, per client, in order. */
  number: number;
  /**
   * committed / aborted (EXEC returned null: the WatchError) / discarded (DISCARD or EXECABORT)
   * / unwatched (UNWATCH released the keys without a transaction) / open (the trace ended first).
   */
  outcome: AttemptOutcome;
  startSeq: number;
  /** Seq of the command that ended it, or of its last command when still open. */
  endSeq: number;
  /** Seqs of this client's commands inside the span (other clients' events are not included). */
  seqs: number[];
  /** Keys WATCHed during the attempt, in order, without duplicates. */
  watched: string[];
  multiSeq: number | null;
  execSeq: number | null;
  /** True when the previous attempt of the same client was aborted by a WatchError. */
  retry: boolean;
  /** Set on aborted attempts when the dirtying write is known or can be inferred. */
  conflict: Conflict | null;
}

export interface Conflict {
  /** Seq of the aborted EXEC. */
  execSeq: number;
  /** Seq of the write that dirtied the watched key (a committing EXEC for queued writes). */
  writeSeq: number;
  key: string;
  writerClient: string;
  victimClient: string;
  /** True when the engine did not name the write and it was inferred from the events. */
  inferred: boolean;
}

interface Draft {
  client: string;
  startSeq: number;
  seqs: number[];
  watched: string[];
  watchedAt: Map<string, number>;
  multiSeq: number | null;
  execSeq: number | null;
}

const isCommand = (e: TraceEvent): e is CommandEvent => e.kind === "command";

function execOutcome(e: CommandEvent): AttemptOutcome {
  if (e.outcome) return e.outcome;
  if (e.error !== undefined) return "discarded";
  if (e.reply === null) return "aborted";
  if (e.reply === undefined) return "open";
  return "committed";
}

const memo = new WeakMap<Trace, Attempt[]>();

/** Every attempt of every client, ordered by start seq. Memoized per trace object. */
export function attempts(trace: Trace): Attempt[] {
  const cached = memo.get(trace);
  if (cached) return cached;

  const bySeq = new Map<number, CommandEvent>();
  const open = new Map<string, Draft>();
  const done: Array<{ draft: Draft; outcome: AttemptOutcome; endSeq: number }> = [];
  const finish = (d: Draft, outcome: AttemptOutcome, endSeq: number) => {
    done.push({ draft: d, outcome, endSeq });
    open.delete(d.client);
  };
  const start = (e: CommandEvent): Draft => {
    const d: Draft = {
      client: e.client, startSeq: e.seq, seqs: [], watched: [], watchedAt: new Map(),
      multiSeq: null, execSeq: null,
    };
    open.set(e.client, d);
    return d;
  };

  for (const e of trace.events) {
    if (!isCommand(e)) continue;
    bySeq.set(e.seq, e);
    let d = open.get(e.client);
    const failed = e.error !== undefined;
    if (e.name === "WATCH" && !failed && !e.queued) {
      d ??= start(e);
      for (const a of e.args) {
        const key = String(a);
        if (!d.watchedAt.has(key)) {
          d.watched.push(key);
          d.watchedAt.set(key, e.seq);
        }
      }
    } else if (e.name === "MULTI" && !failed && !d) {
      d = start(e);
    }
    if (!d) continue;
    d.seqs.push(e.seq);
    const inMulti = d.multiSeq !== null;
    if (e.name === "MULTI" && !failed) d.multiSeq ??= e.seq;
    else if (e.name === "EXEC" && (inMulti || !failed)) {
      d.execSeq = e.seq;
      const outcome = execOutcome(e);
      if (outcome !== "open") finish(d, outcome, e.seq);
    } else if (e.name === "DISCARD" && inMulti && !failed) finish(d, "discarded", e.seq);
    else if (e.name === "UNWATCH" && !inMulti && !failed) finish(d, "unwatched", e.seq);
  }
  for (const d of open.values()) done.push({ draft: d, outcome: "open", endSeq: d.seqs.at(-1) ?? d.startSeq });
  done.sort((a, b) => a.draft.startSeq - b.draft.startSeq);

  const counts = new Map<string, number>();
  const lastOutcome = new Map<string, AttemptOutcome>();
  const events = trace.events;
  const result = done.map(({ draft: d, outcome, endSeq }): Attempt => {
    const number = (counts.get(d.client) ?? 0) + 1;
    counts.set(d.client, number);
    const retry = lastOutcome.get(d.client) === "aborted";
    lastOutcome.set(d.client, outcome);
    const exec = d.execSeq === null ? undefined : bySeq.get(d.execSeq);
    const conflict = outcome === "aborted" && exec ? findConflict(exec, d, events, bySeq) : null;
    return {
      client: d.client, number, outcome, startSeq: d.startSeq, endSeq, seqs: d.seqs,
      watched: d.watched, multiSeq: d.multiSeq, execSeq: d.execSeq, retry, conflict,
    };
  });
  memo.set(trace, result);
  return result;
}

/** The engine names the write in `conflict`; otherwise infer the first write after the WATCH. */
function findConflict(
  exec: CommandEvent,
  d: Draft,
  events: TraceEvent[],
  bySeq: Map<number, CommandEvent>,
): Conflict | null {
  const base = { execSeq: exec.seq, victimClient: exec.client };
  if (exec.conflict !== undefined) {
    const w = bySeq.get(exec.conflict) ?? findAny(events, exec.conflict);
    const key = exec.conflictKey ?? (w && isCommand(w) ? writtenKeys(w).find((k) => d.watchedAt.has(k)) : undefined);
    return {
      ...base, writeSeq: exec.conflict, key: key ?? d.watched[0] ?? "",
      writerClient: w && isCommand(w) ? w.client : "", inferred: false,
    };
  }
  for (const e of events) {
    if (e.seq <= d.startSeq) continue;
    if (e.seq >= exec.seq) break;
    if (!isCommand(e) || e.error !== undefined) continue;
    const keys = dirtiedKeys(e, events, bySeq);
    const key = keys.find((k) => (d.watchedAt.get(k) ?? Infinity) < e.seq);
    if (key !== undefined) return { ...base, writeSeq: e.seq, key, writerClient: e.client, inferred: true };
  }
  return null;
}

function findAny(events: TraceEvent[], seq: number): TraceEvent | undefined {
  return events.find((e) => e.seq === seq);
}

/** Keys an event changes at its own seq: a plain write, or a committed EXEC's queued writes. */
function dirtiedKeys(e: CommandEvent, events: TraceEvent[], bySeq: Map<number, CommandEvent>): string[] {
  if (!e.queued && isWriteCommand(e.name)) return writtenKeys(e);
  if (e.name !== "EXEC" || execOutcome(e) !== "committed") return [];
  const queued: CommandEvent[] = [];
  // Walk back to this client's MULTI, collecting its queued commands.
  for (let i = events.indexOf(e) - 1; i >= 0; i--) {
    const q = events[i];
    if (!q || !isCommand(q) || q.client !== e.client) continue;
    if (q.name === "MULTI") break;
    if (q.queued) queued.unshift(bySeq.get(q.seq) ?? q);
  }
  // A queued write that failed at EXEC (e.g. INCR on a non-number) changed nothing.
  return queued.flatMap((q, i) => (execItem(e.reply, i)?.ok === false ? [] : writtenKeys(q)));
}

/** Attempts that retried after a WatchError. `retries(trace).length` is the retry count. */
export function retries(trace: Trace): Attempt[] {
  return attempts(trace).filter((a) => a.retry);
}

/** The aborted EXECs (ioredis `exec()` resolved to null), in order. */
export function watchErrors(trace: Trace): CommandEvent[] {
  return trace.events.filter(
    (e): e is CommandEvent => isCommand(e) && e.name === "EXEC" && execOutcome(e) === "aborted",
  );
}

const conflictMemo = new WeakMap<Trace, Conflict[]>();

/** Why each WatchError happened: the write that dirtied the watched key, when known. Memoized. */
export function conflicts(trace: Trace): Conflict[] {
  let cs = conflictMemo.get(trace);
  if (!cs) {
    cs = attempts(trace)
      .map((a) => a.conflict)
      .filter((c): c is Conflict => c !== null)
      .sort((a, b) => a.execSeq - b.execSeq);
    conflictMemo.set(trace, cs);
  }
  return cs;
}

/** Attempt lookup by any of its client's seqs, for the UI's "which attempt is this" question. */
export function attemptIndex(trace: Trace): Map<number, Attempt> {
  const map = new Map<number, Attempt>();
  for (const a of attempts(trace)) for (const s of a.seqs) map.set(s, a);
  return map;
}

const sameEvent = (a: TraceEvent | undefined, b: TraceEvent | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.seq === b.seq && a.kind === b.kind && a.at === b.at);

/**
 * True when `next` is `prev` with events appended (a live run streaming in): same first event,
 * same event at prev's last position. O(1), so a view can call it on every update. An empty
 * trace is extended by any trace.
 */
export function extendsTrace(prev: Trace, next: Trace): boolean {
  const n = prev.events.length;
  if (next.events.length < n || next.clients.length < prev.clients.length) return false;
  return n === 0 || sameEvent(prev.events[0], next.events[0]) && sameEvent(prev.events[n - 1], next.events[n - 1]);
}
