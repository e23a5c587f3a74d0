/**
 * One plain connection to the server that holds a run's keys: the single server, or on a cluster
 * the master that owns the run's slot, as the service client's slot map has it. For readers that
 * only touch one run's service keys (an SSE viewer reads one stream): a Cluster client of its own
 * would open a connection to every node, per reader.
 *
 * The connection does not follow the slot: a MOVED, a failover or a lost node fails its next
 * command, and the reader opens a new one (after `slotMapStale`, so that one finds the new owner).
 */
import Redis, { type RedisOptions } from "ioredis";
import { credentialOptions, redisUrl } from "./config";
import { RedisUnavailableError } from "./errors";
import { isCluster, type ServiceRedis } from "./service-client";
import { runOwnerNow, splitNodeKey } from "./slots";

export async function runNodeConnection(service: ServiceRedis, runId: string, opts: RedisOptions): Promise<Redis> {
  if (!isCluster(service)) return new Redis(redisUrl(), opts).on("error", () => {});
  const owner = await runOwnerNow(service, runId);
  if (owner === undefined) throw new RedisUnavailableError("no cluster master serves this run's slot");
  const [host, port] = splitNodeKey(owner);
  return new Redis({ ...opts, host, port, ...credentialOptions() }).on("error", () => {});
}

/** A run-node connection failed: the slot may have moved, so the next one asks the cluster first. */
export function slotMapStale(service: ServiceRedis): void {
  if (isCluster(service)) service.refreshSlotsCache();
}
