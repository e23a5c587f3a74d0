/**
 * The few trace questions the grader asks on top of lib/trace/analysis: which attempts are
 * transactions on a key, where the key was watched and read, what the staged client wrote.
 * Pure and I/O-free.
 */
import { attempts, isReadCommand, writtenKeys, type Attempt, type CommandEvent, type Trace } from "../../trace";
import { commandSpec } from "../../commands/catalogue";

export function commands(trace: Trace): CommandEvent[] {
  return trace.events.filter((e): e is CommandEvent => e.kind === "command");
}

export function programClients(trace: Trace): Set<string> {
  return new Set(trace.clients.filter((c) => c.origin === "program").map((c) => c.id));
}

/** A command that looks at `key` without changing it: GET, MGET, EXISTS, HGET ... */
export function isReadOf(e: CommandEvent, key: string): boolean {
  if (e.queued || e.error !== undefined || !isReadCommand(e.name)) return false;
  return e.args.some((a) => String(a) === key);
}

export function writesKey(e: CommandEvent, key: string): boolean {
  return e.error === undefined && writtenKeys(e).includes(key);
}

/** One program connection's attempt that WATCHes `key` or queues a write to it. */
export interface KeyAttempt {
  attempt: Attempt;
  key: string;
  events: CommandEvent[];
  /** Seq of the first WATCH naming the key, or null. */
  watchSeq: number | null;
  /** Reads of the key on the same connection after its WATCH and before MULTI. */
  readsAfterWatch: CommandEvent[];
  /** Writes to the key queued inside MULTI. */
  queuedWrites: CommandEvent[];
  exec: CommandEvent | undefined;
}

/** Every attempt of the learner's connections on `key`, ordered by start. */
export function keyAttempts(trace: Trace, key: string): KeyAttempt[] {
  const program = programClients(trace);
  const bySeq = new Map(commands(trace).map((e) => [e.seq, e]));
  const out: KeyAttempt[] = [];
  for (const attempt of attempts(trace)) {
    if (!program.has(attempt.client)) continue;
    const events = attempt.seqs.map((s) => bySeq.get(s)).filter((e): e is CommandEvent => e !== undefined);
    const watch = events.find((e) => e.name === "WATCH" && e.args.some((a) => String(a) === key));
    const queuedWrites = events.filter((e) => e.queued && writesKey(e, key));
    if (!watch && queuedWrites.length === 0) continue;
    const until = attempt.multiSeq ?? Infinity;
    const readsAfterWatch = watch ? events.filter((e) => e.seq > watch.seq && e.seq < until && isReadOf(e, key)) : [];
    const exec = attempt.execSeq === null ? undefined : bySeq.get(attempt.execSeq);
    out.push({ attempt, key, events, watchSeq: watch?.seq ?? null, readsAfterWatch, queuedWrites, exec });
  }
  return out;
}

/** Attempts that queue a write to the key and run EXEC (or are still open with MULTI). */
export function transactions(trace: Trace, key: string): KeyAttempt[] {
  return keyAttempts(trace, key).filter((k) => k.queuedWrites.length > 0);
}

/** Writes to `key` a learner connection sent outside MULTI. */
export function directWrites(trace: Trace, key: string): CommandEvent[] {
  const program = programClients(trace);
  return commands(trace).filter((e) => program.has(e.client) && !e.queued && writesKey(e, key));
}

/** What the staged client added to `key` (counter writes only), and where. */
export function planWrites(trace: Trace, key: string): { total: number; seqs: number[]; known: boolean } {
  const plan = new Set(trace.clients.filter((c) => c.origin === "plan").map((c) => c.id));
  let total = 0;
  let known = true;
  const seqs: number[] = [];
  for (const e of commands(trace)) {
    if (!plan.has(e.client) || !writesKey(e, key)) continue;
    seqs.push(e.seq);
    const counter = commandSpec(e.name)?.counter;
    if (!counter || counter.by === "float") known = false;
    else total += counter.sign * (counter.by === "one" ? 1 : Number(e.args[1]));
  }
  return { total, seqs, known };
}

/** "line 12" or "" - where the learner can look. */
export function at(e: { line: number | null } | undefined): string {
  return e?.line ? ` (line ${e.line})` : "";
}
