/**
 * The common mistakes of optimistic transactions, found in a trace. Each finding's message
 * names the mistake in the words of the course ("no WATCH", "WATCH after the read", ...), so a
 * learner can look it up, and says where it happened.
 */
import { attemptIndex, type Trace } from "../../trace";
import { at, commands, directWrites, isReadOf, keyAttempts, programClients, transactions, type KeyAttempt } from "./trace-queries";

export type Mistake =
  | "no-watch"
  | "watch-after-read"
  | "wrong-key"
  | "no-read"
  | "read-elsewhere"
  | "write-outside-multi"
  | "no-retry"
  | "no-reread"
  | "shared-connection";

export interface Finding {
  mistake: Mistake;
  message: string;
}

/** The previous transaction on the key (any connection) was aborted: this one is a retry. */
function previousAborted(all: KeyAttempt[], t: KeyAttempt): KeyAttempt | undefined {
  const before = all.filter((o) => o !== t && o.exec && o.exec.seq < t.attempt.startSeq);
  const last = before.at(-1);
  return last?.attempt.outcome === "aborted" ? last : undefined;
}

/** WATCH the key you write, before you read it, on the same connection - in every attempt. */
export function watchFindings(trace: Trace, key: string): Finding[] {
  const all = transactions(trace, key);
  const program = programClients(trace);
  const cmds = commands(trace);
  const out: (Finding & { seq: number })[] = [];
  for (const t of all) {
    const exec = t.exec ?? t.queuedWrites[0];
    const push = (f: Finding) => out.push({ ...f, seq: exec!.seq });
    const retryOf = previousAborted(all, t);
    if (retryOf && t.readsAfterWatch.length === 0) {
      push({
        mistake: "no-reread",
        message: `After EXEC returned null at #${retryOf.exec!.seq}, your code retried without re-reading ${key}${t.watchSeq === null ? " (and without a new WATCH)" : ""}: the EXEC at #${exec!.seq}${at(exec)} wrote a value based on the old read. Each retry must WATCH and GET the key again.`,
      });
      continue;
    }
    if (t.attempt.watched.length === 0) {
      push({
        mistake: "no-watch",
        message: `Your transaction at #${exec!.seq}${at(exec)} writes ${key}, but nothing WATCHes it (no WATCH), so a change by another client between your read and EXEC goes unnoticed. Call watch("${key}") on the same connection before you read the key.`,
      });
      continue;
    }
    if (t.watchSeq === null) {
      push({
        mistake: "wrong-key",
        message: `You WATCH ${t.attempt.watched.join(", ")} but write ${key}${at(exec)}: you watched a different key than the one written, so a change to ${key} cannot abort your EXEC. Watch the key you read and write.`,
      });
      continue;
    }
    if (t.readsAfterWatch.length > 0) continue;
    const prevEnd = all.filter((o) => o.attempt.endSeq < t.attempt.startSeq).at(-1)?.attempt.endSeq ?? 0;
    const early = cmds.find((e) => program.has(e.client) && e.seq > prevEnd && e.seq < t.watchSeq! && isReadOf(e, key));
    const watch = cmds.find((e) => e.seq === t.watchSeq);
    if (early) {
      push({
        mistake: "watch-after-read",
        message: `You read ${key} at #${early.seq}${at(early)} and only then WATCH it at #${t.watchSeq}${at(watch)} (WATCH after the read): a change between the read and the WATCH is not detected. WATCH first, then read.`,
      });
      continue;
    }
    const elsewhere = cmds.find(
      (e) => program.has(e.client) && e.client !== t.attempt.client && e.seq > t.watchSeq! && e.seq < (t.attempt.multiSeq ?? Infinity) && isReadOf(e, key),
    );
    push(
      elsewhere
        ? {
            mistake: "read-elsewhere",
            message: `You WATCH ${key} on connection ${t.attempt.client} but read it on connection ${elsewhere.client}${at(elsewhere)}. WATCH works per connection: read the key on the connection that watches it and runs MULTI/EXEC.`,
          }
        : {
            mistake: "no-read",
            message: `Your transaction at #${exec!.seq}${at(exec)} never reads ${key} after WATCHing it, so the value it writes is not based on the current value. WATCH, then read, then MULTI.`,
          },
    );
  }
  // A write sent straight away is unprotected too when no WATCH of the key is active.
  const index = attemptIndex(trace);
  for (const e of directWrites(trace, key)) {
    if (index.get(e.seq)?.watched.includes(key)) continue;
    out.push({
      seq: e.seq,
      mistake: "no-watch",
      message: `You write ${key} with ${e.name} at #${e.seq}${at(e)} without a WATCH on it (no WATCH), so a change by another client between your read and the write goes unnoticed. WATCH the key, read it, then write it inside MULTI/EXEC.`,
    });
  }
  return out.sort((a, b) => a.seq - b.seq).map(({ mistake, message }) => ({ mistake, message }));
}

/** Writes to the key must be queued between MULTI and EXEC. */
export function outsideMultiFindings(trace: Trace, key: string): Finding[] {
  return directWrites(trace, key).map((e) => ({
    mistake: "write-outside-multi" as const,
    message: `You write ${key} with ${e.name} at #${e.seq}${at(e)} outside MULTI/EXEC (write outside MULTI): it is sent at once, so WATCH cannot stop it when another client changed the key. Queue the write between multi() and exec().`,
  }));
}

/** After a null from exec(), the code must WATCH and read again, and try again. */
export function retryFindings(trace: Trace, key: string): Finding[] {
  const all = keyAttempts(trace, key);
  const out: Finding[] = [];
  for (const [i, t] of all.entries()) {
    if (t.attempt.outcome !== "aborted" || !t.exec) continue;
    const next = all.slice(i + 1).find((o) => o.attempt.startSeq > t.exec!.seq);
    const why = t.attempt.conflict ? ` because another client changed ${key} at #${t.attempt.conflict.writeSeq}` : "";
    if (!next) {
      out.push({
        mistake: "no-retry",
        message: `EXEC at #${t.exec.seq}${at(t.exec)} returned null${why}, and your code did not try again (ignored a null from exec (no retry)), so this update was never saved. When exec() resolves to null, go back to WATCH, read again and retry.`,
      });
    } else if (next.readsAfterWatch.length === 0) {
      out.push({
        mistake: "no-reread",
        message: `After EXEC returned null at #${t.exec.seq}${at(t.exec)}, your code retried without re-reading ${key}${next.watchSeq === null ? " (and without a new WATCH)" : ""}. Each retry must WATCH and read the key again; otherwise it writes a value computed from the old read.`,
      });
    }
  }
  return out;
}

/**
 * Two flows on one connection: the connection WATCHes the key twice and reads it twice before
 * a single MULTI - the second flow's WATCH is released by the first flow's EXEC.
 */
export function sharedConnectionFinding(trace: Trace, key: string): Finding | null {
  for (const t of keyAttempts(trace, key)) {
    const watches = t.events.filter((e) => e.name === "WATCH" && e.args.some((a) => String(a) === key));
    if (watches.length >= 2 && t.readsAfterWatch.length >= 2) {
      return {
        mistake: "shared-connection",
        message: `Two calls at the same time shared one connection between concurrent flows (connection ${t.attempt.client}): both WATCHed and read ${key} on it (#${watches[0]!.seq}, #${watches[1]!.seq}), and the first EXEC released the WATCH of the second, so one update overwrote the other. Give each call its own connection: const conn = redis.duplicate(), and quit() it at the end.`,
      };
    }
  }
  return null;
}

/** Everything structurally wrong with how the key is updated, most fundamental first. */
export function allFindings(trace: Trace, key: string): Finding[] {
  const shared = sharedConnectionFinding(trace, key);
  return [...(shared ? [shared] : []), ...outsideMultiFindings(trace, key), ...watchFindings(trace, key), ...retryFindings(trace, key)];
}
