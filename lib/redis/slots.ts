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

/**
 * "host:port" of the run's master, asking the cluster once when the map has none (the client is
 * still connecting, or the slot has no master during a failover).
 */
export async function runOwnerNow(cluster: Cluster, runId: string): Promise<string | undefined> {
  const known = runOwner(cluster, runId);
  if (known !== undefined) return known;
  await new Promise<void>((resolve) => cluster.refreshSlotsCache(() => resolve()));
  return runOwner(cluster, runId);
}

/** The Cluster client's own connection to the run's master (for per-node commands such as ACL). */
export function runMaster(cluster: Cluster, runId: string): Redis | undefined {
  const owner = runOwner(cluster, runId);
  return owner === undefined ? undefined : cluster.nodes("master").find((n) => nodeKey(n) === owner);
}

/** "host:port" -> [host, port] (the host may itself hold colons: an IPv6 address). */
export function splitNodeKey(key: string): [string, number] {
  const i = key.lastIndexOf(":");
  return [key.slice(0, i), Number(key.slice(i + 1))];
}
