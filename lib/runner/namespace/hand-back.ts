/**
 * Handing a run's connections back to the pool: WATCH released, authenticated as the base user.
 * The first healthy connection also reads the inspected keys (as strings) in the same write, so
 * the final state costs no round trip of its own.
 */
import type Redis from "ioredis";
import { baseCredentials } from "../../redis/config";
import type { ConnectionPool } from "../../redis/connection-pool";
import type { RunConnection, RunConnections } from "../bridge/connections";
import { queueStringReads, type StringRead } from "./inspect";
import type { RunUser } from "./prepare";

/** What hand-back needs to know of a lent connection (a RunConnection, read when it settled). */
type Lent = Pick<RunConnection, "broken" | "inflight" | "multi">;

/**
 * `clean` is false when a connection had to be dropped with commands still in flight (a late
 * write could still land); `reads` are the inspected keys' string reads, when a connection made them.
 */
export function handBack(
  pool: ConnectionPool,
  connections: RunConnections,
  prefix: string,
  user: RunUser | undefined,
  inspectKeys: readonly string[],
): { clean: Promise<boolean>; reads: Promise<(StringRead | Error)[] | undefined> } {
  const base = baseCredentials();
  let reads: Promise<(StringRead | Error)[]> | undefined;
  const one = async (c: Lent, redis: Redis): Promise<boolean> => {
    redis.removeAllListeners("close");
    // A connection the program left inside MULTI (multi({ pipeline: false }) without exec) is not reused.
    if (c.broken || c.inflight > 0 || c.multi || redis.status !== "ready") {
      pool.release(redis, false);
      return c.inflight === 0;
    }
    try {
      // Everything goes in one write: the inspected keys' reads, UNWATCH, AUTH as the base user.
      const back: Promise<unknown>[] = [];
      redis.stream.cork();
      if (!reads && inspectKeys.length > 0) {
        // Still lent to the run: its key prefix applies, and its user may read its own keys.
        reads = queueStringReads(redis, inspectKeys);
        back.push(reads);
      }
      // Always, not only when the run's books say it watched: a WATCH the books missed (one
      // answered after the run stopped counting, in a batch that ended the run) would otherwise
      // make the next run's EXEC on this connection come back null - another learner's run.
      back.push(redis.unwatch());
      if (user) back.push(redis.auth(base.username, base.password));
      redis.stream.uncork();
      await Promise.all(back);
      pool.release(redis, true);
    } catch {
      pool.release(redis, false);
    }
    return true;
  };
  // The prepared connection, when the program never used one: it is authenticated as the run.
  const unclaimed = connections.takePrimed()?.then(
    (redis) => {
      redis.options.keyPrefix = prefix;
      return redis;
    },
    () => undefined,
  );
  const lent: Lent[] = [...connections.all];
  // Connections still being acquired are settled first, so the reader is chosen synchronously.
  const settled = connections.all.map((c) => (c.redis ? Promise.resolve(c.redis) : (c.acquiring?.catch(() => undefined) ?? Promise.resolve(undefined))));
  if (unclaimed) {
    lent.push({ broken: false, inflight: 0 });
    settled.push(unclaimed);
  }
  const clean = Promise.all(settled).then((all) => Promise.all(all.map((redis, i) => (redis ? one(lent[i]!, redis) : true))));
  return {
    clean: clean.then((all) => all.every(Boolean)),
    reads: clean.then(
      () => reads,
      () => undefined,
    ),
  };
}
