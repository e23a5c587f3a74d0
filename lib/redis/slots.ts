/**
 * Which cluster master serves a run. All of a run's keys share the hash tag `{r:<runId>}`, so
 * they live in one slot, and the master that owns that slot is the only node that may hold them
 * (and the run's ACL user, created there). The owner comes from the Cluster client's slot map,
 * which ioredis refreshes on a MOVED, on a lost node and every few seconds.
 */
import calculateSlot from "cluster-key-slot";
import type Redis from "ioredis";
import type { Cluster } from "ioredis";
import { keyPrefix } from "./namespace";

/** "host:port" of a node, as the slot map names it. */
export const nodeKey = (r: Redis): string => `${r.options.host}:${r.options.port}`;

export function runSlot(runId: string): number {
  return calculateSlot(keyPrefix(runId));
}

/** "host:port" of the master that owns the run's slot, if the slot map knows one. */
export function runOwner(cluster: Cluster, runId: string): string | undefined {
  return cluster.slots[runSlot(runId)]?.[0];
}

/** The Cluster client's own connection to the run's master (for per-node commands such as ACL). */
export function runMaster(cluster: Cluster, runId: string): Redis | undefined {
  const owner = runOwner(cluster, runId);
  return owner === undefined ? undefined : cluster.nodes("master").find((n) => nodeKey(n) === owner);
}
