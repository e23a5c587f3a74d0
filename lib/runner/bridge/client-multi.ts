/**
 * The client's own transaction, as `redis.multi({ pipeline: false })` makes it: MULTI is sent at
 * once, every command after it on that connection is sent as it is called and answers QUEUED
 * (traced as queued; command.ts), and `redis.exec()` / `redis.discard()` end it. What EXEC
 * answers is ioredis's own: [error, result] pairs, null after a WATCH conflict, EXECABORT when
 * Redis rejected a queued command. Outside MULTI, Redis itself answers EXEC and DISCARD with an
 * error, as it would in Node.
 */
import { asRedisFailure, isConnectionError, isRedisOom } from "../../redis/errors";
import { countSent, redisFull } from "./command";
import type { BridgeContext } from "./context";
import type { RunConnection } from "./connections";
import { errReply, NEVER, type Reply } from "./guest-args";

export async function sendClientMulti(ctx: BridgeContext, conn: RunConnection, line: number | null): Promise<Reply> {
  await ctx.interference.beforeSend(conn, "MULTI", [], line);
  countSent(ctx, 1, line);
  if (ctx.stopped()) return NEVER;
  const redis = await ctx.connections.lend(conn);
  const ev = ctx.recorder.command({ client: conn.client.id, name: "MULTI", args: [], line, queued: false });
  const sent = performance.now();
  conn.inflight++;
  try {
    const reply = await redis.multi({ pipeline: false });
    conn.multi ??= { writes: [] };
    ctx.recorder.complete(ev, { reply }, sent);
    return { ok: reply };
  } catch (failure) {
    const e = asRedisFailure(failure);
    if (isConnectionError(e)) throw e;
    const message = ctx.recorder.strip(e.message);
    ctx.recorder.complete(ev, { error: message }, sent);
    return errReply(message);
  } finally {
    conn.inflight--;
  }
}

export async function sendClientEnd(ctx: BridgeContext, conn: RunConnection, method: "exec" | "discard", line: number | null): Promise<Reply> {
  const name = method.toUpperCase();
  await ctx.interference.beforeSend(conn, name, [], line);
  countSent(ctx, 1, line);
  if (ctx.stopped()) return NEVER;
  const redis = await ctx.connections.lend(conn);
  const ev = ctx.recorder.command({ client: conn.client.id, name, args: [], line, queued: false });
  const tx = conn.multi;
  // Written when EXEC runs them: the ledger learns of them now, under their queued events.
  const writes = method === "exec" ? (tx?.writes ?? []).map((w) => ctx.ledger.noteWrite(w.seq, conn.client.id, w.keys)) : [];
  const sent = performance.now();
  conn.inflight++;
  try {
    const reply = (await (method === "exec" ? redis.exec() : redis.discard())) as unknown;
    if (tx) {
      ev.outcome = method === "discard" ? "discarded" : reply === null ? "aborted" : "committed";
      if (reply === null) {
        ctx.ledger.dropWrites(...writes);
        const c = ctx.ledger.conflictFor(conn.watched);
        if (c) {
          ev.conflict = c.seq;
          ev.conflictKey = c.key;
        }
      }
      if (Array.isArray(reply) && reply.some((r) => Array.isArray(r) && isRedisOom(r[0]))) return redisFull(ctx);
    }
    ctx.recorder.complete(ev, { reply }, sent);
    return { ok: reply };
  } catch (failure) {
    const e = asRedisFailure(failure);
    if (isConnectionError(e)) throw e;
    if (isRedisOom(e)) return redisFull(ctx);
    ctx.ledger.dropWrites(...writes);
    if (tx) ev.outcome = "discarded";
    const message = ctx.recorder.strip((e as Error).message);
    ctx.recorder.complete(ev, { error: message }, sent);
    return errReply(message);
  } finally {
    conn.inflight--;
    if (tx) {
      conn.multi = undefined;
      conn.watched.clear();
      ctx.budget.unwatch(conn.id);
    }
  }
}
