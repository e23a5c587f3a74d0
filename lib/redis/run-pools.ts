/**
 * The pools a worker lends run connections from. On one server there is one pool. On a cluster
 * a run's connections go straight to the master that owns its slot (plain connections, no
 * cluster redirection), so WATCH/MULTI/EXEC behave exactly as on one server: one pool per
 * master, chosen by the run's hash tag. A connection that could not be opened or broke under a
 * run makes the slot map refresh, so the run after a failover finds the new master.
 */
import { Cluster } from "ioredis";
import { credentialOptions, redisUrl } from "./config";
import { ConnectionPool } from "./connection-pool";
import { RedisUnavailableError } from "./errors";
import type { ServiceRedis } from "./service-client";
import { runOwnerNow, splitNodeKey } from "./slots";

export interface RunPools {
  /** The pool of the server that holds this run's keys. */
  forRun(runId: string): Promise<ConnectionPool>;
}

export function runPools(service: ServiceRedis): RunPools {
  if (!(service instanceof Cluster)) {
    const pool = new ConnectionPool(redisUrl());
    return { forRun: () => Promise.resolve(pool) };
  }
  const pools = new Map<string, ConnectionPool>();
  const refresh = () => service.refreshSlotsCache();
  return {
    async forRun(runId) {
      const owner = await runOwnerNow(service, runId);
      if (owner === undefined) throw new RedisUnavailableError("no cluster master serves this run's slot");
      let pool = pools.get(owner);
      if (!pool) {
        const [host, port] = splitNodeKey(owner);
        pool = new ConnectionPool({ host, port, ...credentialOptions() }, 64, refresh);
        pools.set(owner, pool);
      }
      return pool;
    },
  };
}
