/** One command outside a transaction: bounded, traced, noted in the ledger, sent through ioredis. */
import { REDIS_FULL } from "../../errors";
import { asRedisFailure, isConnectionError, isRedisOom } from "../../redis/errors";
import type { BridgeContext } from "./context";
import type { RunConnection } from "./connections";
import { callMethod, errReply, NEVER, type Reply } from "./guest-args";
import { admitCommands, prepareCommand } from "./outgoing";

/** Counts commands about to be sent; the run ends when that passed a limit. */
export function countSent(ctx: BridgeContext, n: number, line: number | null, writtenArgs?: readonly string[]): void {
  const over = ctx.counters.sent(n, line, writtenArgs);
  if (over) ctx.fail(over);
}

/** Redis refused a write for lack of memory: the shared server is full, which is not the learner's doing. */
export function redisFull(ctx: BridgeContext): Promise<never> {
  ctx.fail({ ...REDIS_FULL });
  return NEVER;
}

export async function sendCommand(ctx: BridgeContext, conn: RunConnection, method: string, args: readonly unknown[], line: number | null): Promise<Reply> {
  const cmd = prepareCommand(method, args, line);
  const { name, keys, wire } = cmd;
  const isWrite = cmd.spec.kind === "write";
  const refused = admitCommands(ctx.budget, ctx.limits, conn, [cmd]);
  if (refused) return (ctx.fail(refused), NEVER);
  await ctx.interference.beforeSend(conn, name, cmd.shown, line);
  countSent(ctx, 1, line, isWrite ? wire : undefined);
  if (ctx.stopped()) return NEVER;
  if (method === "unwatch") ctx.budget.unwatch(conn.id);
  for (const k of keys) ctx.touched.add(k);
  const redis = await ctx.connections.lend(conn);
  // Inside the program's own MULTI the command only queues: its write happens at EXEC.
  const queued = conn.multi !== undefined;
  const ev = ctx.recorder.command({ client: conn.client.id, name, args: cmd.shown, line, queued });
  if (queued && isWrite) conn.multi!.writes.push({ seq: ev.seq, keys });
  const write = isWrite && !queued ? ctx.ledger.noteWrite(ev.seq, conn.client.id, keys) : undefined;
  const sent = performance.now();
  conn.inflight++;
  // The final list itself is sent: ioredis turns it into the same wire bytes (it is already flat strings).
  const p = callMethod(redis, method, wire) as Promise<unknown>;
  let reply: unknown;
  try {
    reply = await p;
  } catch (failure) {
    const e = asRedisFailure(failure);
    if (isConnectionError(e)) throw e;
    if (isRedisOom(e)) return redisFull(ctx);
    const message = ctx.recorder.strip(e.message);
    ctx.ledger.dropWrites(write);
    ctx.recorder.complete(ev, { error: message }, sent);
    return errReply(message);
  } finally {
    conn.inflight--;
  }
  ctx.recorder.complete(ev, { reply }, sent);
  const program = conn.client.origin === "program";
  if (name === "WATCH") {
    if (conn.watched.size === 0 && program) ctx.interference.newAttempt();
    for (const k of keys) conn.watched.set(k, ev.seq);
  } else if (name === "UNWATCH") conn.watched.clear();
  if (program && cmd.spec.kind === "read" && !queued) await ctx.interference.afterRead(conn, keys);
  return { ok: reply };
}
