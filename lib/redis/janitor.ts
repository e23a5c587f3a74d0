/**
 * The janitor: cleans up after runs whose worker died before it could drop their namespace.
 *
 * Every run is registered in one sorted set when it is prepared (member = run id, score = the
 * epoch ms by which the run is surely over) and unregistered in the same round trip that drops
 * its namespace. A run still registered past its deadline was abandoned: a sweep deletes its
 * learner keys (`{r:<id>}:*`) and its ACL user, and only then its registry entry, so a sweep cut
 * short leaves the entry for the next one. The run's service keys (`{r:<id>}#...`: stream,
 * result, race meta) are left alone; they carry their own 24 h TTL and keep the run replayable.
 *
 * Every step is idempotent (UNLINK of a gone key, DELUSER of a gone user and ZREM of a gone
 * member are no-ops), so any number of workers and instances may sweep at the same time; only
 * the sweep whose ZREM actually removed a run counts it.
 *
 * Leftovers of runs that are not registered at all (a registration Redis refused, a key the
 * run's cleanup did not know of) are found by the OrphanSweeper (./orphans.ts), on the same tick.
 *
 * On a cluster the registry is one key (on one master), while keys and users are per node: the
 * keyspace pass and the DELUSERs go over every master, each master's keys UNLINKed on it.
 */
import type Redis from "ioredis";
import type { ChainableCommander } from "ioredis";
import { runUsername } from "./acl";
import { keyPrefix, RUN_ID_PATTERN, RUN_REGISTRY_KEY } from "./namespace";
import { OrphanSweeper } from "./orphans";
import type { ServiceRedis } from "./service-client";
import { MASTER_SWEEP_TIMEOUT_MS, onEachMaster } from "./each-master";

// Its home is namespace.ts (with the other key names); importers of the janitor find it here too.
export { RUN_REGISTRY_KEY } from "./namespace";


/**
 * Margin on top of a run's wall limit before the janitor treats it as abandoned. It covers the
 * host's grace period, cleanup after the wall limit, a Redis hiccup and clock skew between
 * instances, and is far above all of them: sweeping a live run would break it.
 */
export const RUN_LEASE_MS = 10 * 60_000;

/** Runs cleaned per sweep at most; the rest wait for the next sweep. */
const SWEEP_BATCH = 100;
const SCAN_COUNT = 1000;
/** The run id of a learner key; service keys (`}#`) never match. */
const LEARNER_KEY = /^\{r:([A-Za-z0-9_-]+)\}:/;

/** The epoch ms after which a run that started at `now` with this wall limit is surely over. */
export function runDeadline(now: number, wallMs: number): number {
  return now + wallMs + RUN_LEASE_MS;
}

/** Queues the run's registration on a pipeline the caller sends anyway (no extra round trip). */
export function registerRun(pipeline: ChainableCommander, runId: string, now: number, wallMs: number): ChainableCommander {
  return pipeline.zadd(RUN_REGISTRY_KEY, runDeadline(now, wallMs), runId);
}

/** Queues the run's removal from the registry, once its keys and user are being dropped. */
export function unregisterRun(pipeline: ChainableCommander, runId: string): ChainableCommander {
  return pipeline.zrem(RUN_REGISTRY_KEY, runId);
}

/**
 * Cleans up to SWEEP_BATCH runs whose deadline has passed: their learner keys, their ACL user,
 * then their registry entry. Returns how many runs this sweep removed from the registry.
 * Throws when Redis is unreachable; whatever was not finished is retried by the next sweep.
 * `masterTimeoutMs` bounds each master's part (one that does not answer is skipped).
 */
export async function sweepExpiredRuns(service: ServiceRedis, now = Date.now(), masterTimeoutMs = MASTER_SWEEP_TIMEOUT_MS): Promise<number> {
  const due = await service.zrangebyscore(RUN_REGISTRY_KEY, "-inf", `(${now}`, "LIMIT", 0, SWEEP_BATCH);
  if (due.length === 0) return 0;
  // Only a well-formed id ever reaches a key pattern or a user name; anything else is just dropped.
  const ids = new Set(due.filter((id) => RUN_ID_PATTERN.test(id)));
  const malformed = due.filter((id) => !ids.has(id));
  if (malformed.length > 0) await service.zrem(RUN_REGISTRY_KEY, ...malformed);
  if (ids.size === 0) return 0;

  // Unregistering runs whose keys were never looked for would leave them for good: this throws
  // when no master answered. Keys on a master skipped here (it did not answer) are unregistered
  // leftovers from now on, which the OrphanSweeper deletes once it answers again.
  await onEachMaster(service, "sweep of expired runs", async (node) => {
    await unlinkLearnerKeys(node, ids);
    const users = node.pipeline();
    for (const id of ids) users.acl("DELUSER", runUsername(id));
    // A failed DELUSER (ACL off or forbidden for us) is a result here, not a throw: nothing to undo.
    await users.exec();
  }, masterTimeoutMs);
  return service.zrem(RUN_REGISTRY_KEY, ...ids);
}

/** One pass over one server's keyspace, whatever the number of runs; UNLINKs each page's matches. */
async function unlinkLearnerKeys(service: Redis, ids: ReadonlySet<string>): Promise<void> {
  const [only] = ids;
  const match = ids.size === 1 && only ? `${keyPrefix(only)}*` : "{r:*}:*";
  let cursor = "0";
  do {
    const [next, keys] = await service.scan(cursor, "MATCH", match, "COUNT", SCAN_COUNT);
    cursor = next;
    const abandoned = keys.filter((k) => ids.has(LEARNER_KEY.exec(k)?.[1] ?? ""));
    if (abandoned.length > 0) await service.unlink(...abandoned);
  } while (cursor !== "0");
}

/**
 * Sweeps every `everyMs` in the background without keeping the process alive: expired runs,
 * then a bounded slice of orphans. Errors are swallowed (Redis may be down; the next tick
 * retries) and ticks never overlap. Returns a stop function.
 */
export function startJanitor(service: ServiceRedis, everyMs = 60_000): () => void {
  let sweeping = false;
  const orphans = new OrphanSweeper(service);
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweepExpiredRuns(service)
      .catch(() => {})
      .then(() => orphans.sweep())
      .catch(() => {})
      .finally(() => {
        sweeping = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
