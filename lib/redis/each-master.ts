/**
 * Per-node work of the janitor and the orphan sweeper, on every master the client knows. During
 * a failover the dead master stays in the Cluster client's node list until its slot map is
 * refreshed; a sweep must not fail (or hang) on it. So each master gets a bounded time, one that
 * fails or does not answer in time is skipped and the rest are swept; the skip is logged once
 * per outage (again only after that master answered in between). What a skipped master holds is
 * found by a later sweep: it is still registered, or an orphan the sweeper deletes.
 */
import type Redis from "ioredis";
import { masters, type ServiceRedis } from "./service-client";
import { nodeKey } from "./slots";

/** How long one master may take for its part of one sweep. */
export const MASTER_SWEEP_TIMEOUT_MS = 5000;

/** Masters whose skip was logged and that have not answered since. */
const silent = new Set<string>();

export interface MasterWork<T> {
  node: Redis;
  value: T;
}

/**
 * `work` on every master at once, each within `timeoutMs`. Resolves with the masters that
 * finished; rejects when none did (Redis is unreachable: nothing was swept).
 */
export async function onEachMaster<T>(service: ServiceRedis, what: string, work: (node: Redis) => Promise<T>, timeoutMs = MASTER_SWEEP_TIMEOUT_MS): Promise<MasterWork<T>[]> {
  const nodes = masters(service);
  if (nodes.length === 0) throw new Error("no Redis master known yet");
  const settled = await Promise.allSettled(nodes.map((node) => within(work(node), timeoutMs)));
  const done: MasterWork<T>[] = [];
  let firstFailure: unknown;
  settled.forEach((s, i) => {
    const node = nodes[i]!;
    const at = nodeKey(node);
    if (s.status === "fulfilled") {
      silent.delete(at);
      done.push({ node, value: s.value });
      return;
    }
    firstFailure ??= s.reason;
    if (nodes.length > 1 && !silent.has(at)) {
      silent.add(at);
      console.warn(`janitor: Redis master ${at} did not answer the ${what} (${s.reason instanceof Error ? s.reason.message : String(s.reason)}); skipped it, swept the other ${nodes.length - 1}.`);
    }
  });
  if (done.length === 0) throw firstFailure instanceof Error ? firstFailure : new Error(String(firstFailure));
  return done;
}

/** `p`, or a rejection once `ms` have passed without it. */
export function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
