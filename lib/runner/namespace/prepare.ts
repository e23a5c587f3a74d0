/**
 * Preparing a run's namespace `{r:<runId>}:`: registered with the janitor, its ACL user created,
 * the unit's setup applied and the connection authenticated as that user - in one write.
 */
import type Redis from "ioredis";
import { getKeyIndexes } from "@ioredis/commands";
import type { runUser } from "../../redis/acl";
import type { CleanupQueue } from "../../redis/cleanup-queue";
import type { ConnectionPool } from "../../redis/connection-pool";
import { registerRun } from "../../redis/janitor";
import type { ServiceRedis } from "../../redis/service-client";

export type RunUser = ReturnType<typeof runUser>;

/**
 * Registers the run with the janitor (lib/redis/janitor.ts), creates its user, applies the
 * unit's setup and authenticates as that user - in one write, on the connection the program
 * will use first (`primed`). Redis runs one connection's commands in order, so the program's
 * first command can follow right behind without waiting for these replies. The queued cleanup
 * of earlier runs rides along, ahead of the AUTH. The registration comes first and always
 * happens: if this worker dies before the run's namespace is dropped, the janitor deletes its
 * keys and user later.
 *
 * On a cluster the run's connection reaches only the master of its own slot, so only the
 * slot-local and per-node part goes on it (ACL SETUSER on that master, setup, AUTH). The
 * registry lives in another slot and earlier runs' keys in theirs: the registration goes
 * through the service's Cluster client, and is answered before the run's write is sent (the
 * orphan sweeper relies on "registered before any key exists"); earlier runs' cleanup is sent by
 * the queue on its own.
 */
export function prepareNamespace(
  env: { pool: ConnectionPool; service: ServiceRedis; cleanup: CleanupQueue; cluster: boolean },
  runId: string,
  wallMs: number,
  setup: (string | number)[][],
  user?: RunUser,
): { primed: Promise<Redis>; ready: Promise<void> } {
  const registered = env.cluster ? registerRun(env.service.pipeline(), runId, Date.now(), wallMs).exec().then(firstFailure) : Promise.resolve();
  // Awaited only once a connection is lent; if none can be, its failure is the run's anyway.
  registered.catch(() => {});
  const sent = env.pool.acquire().then(async (redis) => {
    // Built before the run's key prefix is set on the connection: these keys are already full.
    const p = redis.pipeline();
    const earlier = env.cluster ? 0 : env.cleanup.drainInto(p);
    if (!env.cluster) registerRun(p, runId, Date.now(), wallMs);
    if (user) p.acl("SETUSER", user.username, ...user.rules);
    for (const [name, ...args] of setup) p.call(String(name), ...args);
    if (user) p.auth(user.username, user.password);
    try {
      await registered;
    } catch (e) {
      env.pool.release(redis, true);
      throw e;
    }
    // exec() writes synchronously: whatever is sent on this connection later queues behind it.
    // Only this run's own commands decide whether it can start; earlier runs' cleanup can't fail it.
    const done = p.exec().then((res) => firstFailure(res?.slice(earlier) ?? null));
    return { redis, done };
  });
  return { primed: sent.then((s) => s.redis), ready: sent.then((s) => s.done) };
}

function firstFailure(res: [Error | null, unknown][] | null): void {
  const failed = res?.find(([e]) => e);
  if (failed?.[0]) throw failed[0];
}

/** The unit's setup commands with the run's prefix on their keys, and those keys. */
export function prefixSetup(setup: (string | number)[][], prefix: string): { commands: (string | number)[][]; keys: string[] } {
  const keys: string[] = [];
  const commands = setup.map(([name, ...args]) => {
    const idx = new Set(getKeyIndexes(String(name).toLowerCase(), args.map(String)));
    const out = args.map((a, i) => (idx.has(i) ? prefix + String(a) : a));
    for (const i of idx) keys.push(String(out[i]));
    return [String(name), ...out];
  });
  return { commands, keys };
}
