/**
 * pipeline() ... exec(): the queued commands are bounded and counted together, then sent in one
 * write through an ioredis pipeline on the connection - no atomicity, each command answered on
 * its own, [error, result] pairs as ioredis gives them. In the trace every command of the batch
 * carries the seq of its first one (`batch`), with its own reply or error; an inline
 * multi() ... exec() inside the pipeline shows as queued commands and an EXEC with its outcome.
 */
import type { CommandEvent } from "../../trace";
import { forbiddenCommand } from "../../errors";
import { asRedisFailure, isRedisOom, slotGoneIn } from "../../redis/errors";
import { ALLOWED_METHODS, refusalReason } from "../allowlist/allowlist";
import { countSent, redisFull } from "./command";
import type { BridgeContext } from "./context";
import type { RunConnection } from "./connections";
import { callMethod, NEVER, type CallMsg, type Reply } from "./guest-args";
import { admitCommands, prepareCommand, type Prepared } from "./outgoing";
import type { WriteNote } from "../ledger/conflict-ledger";

/** MULTI, EXEC and DISCARD inside a pipeline: not catalogue commands, sent as ioredis's pipeline sends them. */
const CONTROL = new Set(["multi", "exec", "discard"]);

type Item = { control: string; line: number | null } | Prepared;
const isControl = (i: Item): i is { control: string; line: number | null } => "control" in i;

export async function sendPipeline(ctx: BridgeContext, conn: RunConnection, msg: CallMsg): Promise<Reply> {
  const queue = msg.q ?? [];
  for (const q of queue) if (!CONTROL.has(q.m) && !ALLOWED_METHODS.has(q.m)) return (ctx.fail(forbiddenCommand(q.m, refusalReason(q.m), q.l)), NEVER);
  const items: Item[] = queue.map((q) => (CONTROL.has(q.m) ? { control: q.m, line: q.l || null } : prepareCommand(q.m, q.a, q.l || null)));
  const commands = items.filter((i): i is Prepared => !isControl(i));
  // Every bound applies to each pipelined command as to a direct one; one over refuses the batch.
  const refused = admitCommands(ctx.budget, ctx.limits, conn, commands);
  if (refused) return (ctx.fail(refused), NEVER);
  for (const i of items) await ctx.interference.beforeSend(conn, isControl(i) ? i.control.toUpperCase() : i.name, isControl(i) ? [] : i.shown, i.line);
  countSent(ctx, items.length, msg.l || null, commands.filter((c) => c.spec.kind === "write").flatMap((c) => c.wire));
  if (ctx.stopped()) return NEVER;
  if (items.length === 0) return { ok: [] };
  const redis = await ctx.connections.lend(conn);
  const client = conn.client.id;
  let inMulti = false;
  const events: CommandEvent[] = [];
  const writes: (WriteNote | undefined)[] = [];
  for (const i of items) {
    const name = isControl(i) ? i.control.toUpperCase() : i.name;
    const queued = inMulti && name !== "EXEC" && name !== "DISCARD";
    const ev = ctx.recorder.command({ client, name, args: isControl(i) ? [] : i.shown, line: i.line, queued });
    ev.batch = events[0]?.seq ?? ev.seq;
    events.push(ev);
    if (name === "MULTI") inMulti = true;
    else if (name === "EXEC" || name === "DISCARD") inMulti = false;
    if (!isControl(i)) for (const k of i.keys) ctx.touched.add(k);
    writes.push(!isControl(i) && i.spec.kind === "write" ? ctx.ledger.noteWrite(ev.seq, client, i.keys) : undefined);
  }
  const sent = performance.now();
  conn.inflight++;
  let res: [Error | null, unknown][];
  try {
    const p = redis.pipeline();
    for (const i of items) {
      if (isControl(i)) callMethod(p, i.control, []);
      else callMethod(p, i.method, i.wire);
    }
    // A pipeline resolves even when its commands fail; only a lost connection throws (the session reports it).
    res = (await p.exec()) ?? [];
  } catch (failure) {
    throw asRedisFailure(failure);
  } finally {
    conn.inflight--;
  }
  const gone = slotGoneIn(res.map(([e]) => e));
  if (gone) throw gone;
  if (res.some(([e]) => isRedisOom(e))) return redisFull(ctx);
  settle(ctx, conn, items, events, writes, res, sent);
  const reads = commands.filter((c) => c.spec.kind === "read").flatMap((c) => c.keys);
  if (reads.length > 0) await ctx.interference.afterRead(conn, reads);
  return { ok: res };
}

/** Each command's reply into the trace, and what it did to the connection's WATCH state. */
function settle(ctx: BridgeContext, conn: RunConnection, items: Item[], events: CommandEvent[], writes: (WriteNote | undefined)[], res: [Error | null, unknown][], sent: number): void {
  let txWrites: (WriteNote | undefined)[] = [];
  items.forEach((item, n) => {
    const ev = events[n]!;
    const [err, reply] = res[n] ?? [null, undefined];
    if (ev.queued) txWrites.push(writes[n]);
    if (err) {
      ctx.ledger.dropWrites(writes[n]);
      ctx.recorder.complete(ev, { error: ctx.recorder.strip(err.message) }, sent);
      if (ev.name === "EXEC") ev.outcome = "discarded";
      if (ev.name === "EXEC" || ev.name === "DISCARD") ctx.ledger.dropWrites(...txWrites);
      return;
    }
    if (ev.name === "EXEC") {
      ev.outcome = reply === null ? "aborted" : "committed";
      if (reply === null) {
        ctx.ledger.dropWrites(...txWrites);
        const c = ctx.ledger.conflictFor(conn.watched);
        if (c) {
          ev.conflict = c.seq;
          ev.conflictKey = c.key;
        }
      }
    } else if (ev.name === "DISCARD") {
      ev.outcome = "discarded";
      ctx.ledger.dropWrites(...txWrites);
    }
    ctx.recorder.complete(ev, { reply }, sent);
    if (ev.name === "WATCH" && !isControl(item)) {
      if (conn.watched.size === 0 && conn.client.origin === "program") ctx.interference.newAttempt();
      for (const k of item.keys) conn.watched.set(k, ev.seq);
    } else if (ev.name === "UNWATCH" || ev.name === "EXEC" || ev.name === "DISCARD") {
      conn.watched.clear();
      ctx.budget.unwatch(conn.id);
    }
    if (ev.name === "EXEC" || ev.name === "DISCARD") txWrites = [];
  });
}
