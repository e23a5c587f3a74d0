/**
 * multi() ... exec() / discard(): the queued commands are bounded together before MULTI is
 * sent, traced as queued, and an EXEC that comes back null is attributed to the write that
 * dirtied a watched key (the conflict ledger).
 */
import type { CommandEvent } from "../../trace";
import { forbiddenCommand } from "../../errors";
import { asRedisFailure, isConnectionError, isRedisOom, slotGoneIn } from "../../redis/errors";
import { ALLOWED_METHODS, refusalReason } from "../allowlist/allowlist";
import { countSent, redisFull } from "./command";
import type { BridgeContext } from "./context";
import type { RunConnection } from "./connections";
import { callMethod, NEVER, type CallMsg, type Reply } from "./guest-args";
import { admitCommands, prepareCommand } from "./outgoing";

export async function sendTransaction(ctx: BridgeContext, conn: RunConnection, msg: CallMsg): Promise<Reply> {
  const queue = msg.q ?? [];
  // WATCH and UNWATCH may be queued too: Redis itself answers them inside MULTI, as in Node.
  for (const q of queue) if (!ALLOWED_METHODS.has(q.m)) return (ctx.fail(forbiddenCommand(q.m, refusalReason(q.m), q.l)), NEVER);
  const isExec = msg.m === "exec";
  const items = queue.map((q) => prepareCommand(q.m, q.a, q.l || null));
  // A queued command over a bound refuses the whole transaction before MULTI is sent.
  const refused = admitCommands(ctx.budget, ctx.limits, conn, items);
  if (refused) return (ctx.fail(refused), NEVER);
  await ctx.interference.beforeSend(conn, "MULTI", [], msg.ml ?? null);
  for (const q of items) await ctx.interference.beforeSend(conn, q.name, q.shown, q.line);
  await ctx.interference.beforeSend(conn, isExec ? "EXEC" : "DISCARD", [], msg.l || null);
  const written = items.filter((q) => q.spec.kind === "write");
  countSent(ctx, 2 + items.length, msg.l || null, written.flatMap((q) => q.wire));
  if (ctx.stopped()) return NEVER;
  ctx.budget.unwatch(conn.id);
  const redis = await ctx.connections.lend(conn);
  const client = conn.client.id;
  const multiEv = ctx.recorder.command({ client, name: "MULTI", args: [], line: msg.ml || msg.l || null, queued: false });
  const queued = items.map((q) => {
    for (const k of q.keys) ctx.touched.add(k);
    return ctx.recorder.command({ client, name: q.name, args: q.shown, line: q.line, queued: true });
  });
  const endEv = ctx.recorder.command({ client, name: isExec ? "EXEC" : "DISCARD", args: [], line: msg.l || null, queued: false });
  const sent = performance.now();
  const events = { multiEv, queued, endEv, sent };
  conn.inflight++;
  try {
    if (!isExec) {
      await Promise.all([redis.multi({ pipeline: false }), redis.discard()]).catch((e: unknown) => {
        throw asRedisFailure(e);
      });
      completeQueued(ctx, events, "discarded", { reply: "OK" });
      return { ok: "OK" };
    }
    const ownWrites = queued.flatMap((ev, i) => (items[i]!.spec.kind === "write" ? [ctx.ledger.noteWrite(ev.seq, client, items[i]!.keys)] : []));
    const tx = redis.multi();
    for (const q of items) callMethod(tx, q.method, q.wire);
    const p = tx.exec();
    let res: [Error | null, unknown][] | null;
    try {
      res = await p;
    } catch (failure) {
      const e = asRedisFailure(failure);
      if (isConnectionError(e)) throw e;
      // EXECABORT because a queued command's slot moved: nothing ran, and the run can't go on.
      const gone = slotGoneIn((e as { previousErrors?: Error[] }).previousErrors ?? []);
      if (gone) throw gone;
      ctx.ledger.dropWrites(...ownWrites);
      return rejected(ctx, events, e);
    }
    const gone = slotGoneIn(res?.map(([e]) => e) ?? []);
    if (gone) throw gone;
    if (res?.some(([e]) => isRedisOom(e))) return redisFull(ctx);
    if (res === null) {
      ctx.ledger.dropWrites(...ownWrites);
      const c = ctx.ledger.conflictFor(conn.watched);
      if (c) {
        endEv.conflict = c.seq;
        endEv.conflictKey = c.key;
      }
    }
    completeQueued(ctx, events, res === null ? "aborted" : "committed", { reply: res });
    return { ok: res };
  } finally {
    conn.inflight--;
    conn.watched.clear();
  }
}

type TxEvents = { multiEv: CommandEvent; queued: CommandEvent[]; endEv: CommandEvent; sent: number };

function completeQueued(ctx: BridgeContext, { multiEv, queued, endEv, sent }: TxEvents, outcome: CommandEvent["outcome"], end: { reply?: unknown; error?: string }): void {
  ctx.recorder.complete(multiEv, { reply: "OK" }, sent);
  for (const ev of queued) ctx.recorder.complete(ev, { reply: "QUEUED" }, sent);
  endEv.outcome = outcome;
  ctx.recorder.complete(endEv, end, sent);
}

/** EXECABORT: a command was rejected while queuing, so nothing ran. */
function rejected(ctx: BridgeContext, { multiEv, queued, endEv, sent }: TxEvents, e: Error): Promise<never> | Reply {
  const all = (e as { previousErrors?: Error[] }).previousErrors ?? [];
  if (isRedisOom(e) || all.some(isRedisOom)) return redisFull(ctx);
  const prev = alignErrors(queued, all);
  ctx.recorder.complete(multiEv, { reply: "OK" }, sent);
  queued.forEach((ev, i) => ctx.recorder.complete(ev, prev[i] ? { error: ctx.recorder.strip(prev[i]!.message) } : { reply: "QUEUED" }, sent));
  endEv.outcome = "discarded";
  const message = ctx.recorder.strip(e.message);
  ctx.recorder.complete(endEv, { error: message }, sent);
  // The guest rebuilds ioredis's previousErrors from these, one per queued command.
  return { err: { message, name: "ReplyError", previous: queued.map((_ev, i) => (prev[i] ? ctx.recorder.strip(prev[i]!.message) : null)) } };
}

/**
 * ioredis lists only the rejected commands in previousErrors, in order, each naming its command:
 * matched in order to the queued commands they belong to.
 */
function alignErrors(queued: readonly CommandEvent[], errors: readonly Error[]): (Error | undefined)[] {
  const out: (Error | undefined)[] = queued.map(() => undefined);
  let at = 0;
  for (const err of errors) {
    const name = (err as { command?: { name?: string } }).command?.name?.toUpperCase();
    while (at < queued.length && name !== undefined && queued[at]!.name !== name) at++;
    if (at >= queued.length) break;
    out[at++] = err;
  }
  return out;
}
