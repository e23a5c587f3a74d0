/**
 * The janitor's second net: learner keys (`{r:<id>}:*`) and run users (`pg-run-<id>`) whose run
 * is not in the registry at all - a run whose registration failed (Redis full: its ZADD was
 * refused while its program's first write landed once memory was back), or a key its cleanup
 * did not know of. Such a run is over, and its leftovers are deleted.
 *
 * Why "not registered" means "over": prepare() (lib/runner/execute.ts) sends the registration
 * ZADD first in the run's first write, on the connection the program uses first; Redis runs one
 * connection's commands in order, and every other connection of the run waits for that write's
 * replies before it sends anything. So a run's ZADD reaches Redis before any of its keys or its
 * user can exist, and a key seen by SCAN (or a user seen by ACL USERS) whose run is unregistered
 * when we look right after was unregistered, i.e. dropped: the cleanup unlinks keys and deletes
 * the user before its ZREM, in one pipeline, once no connection of the run can still write.
 *
 * Bounded per sweep: SCAN pages of SCAN_COUNT, at most PAGES_PER_SWEEP pages (the cursor is kept,
 * so the next sweep continues where this one stopped), at most USERS_PER_SWEEP users deleted.
 *
 * On a cluster keys and ACL users are per node: every master is scanned (a cursor each, the
 * page bound per master), every node the client knows is asked for its users, and a user is
 * deleted on the nodes that have it. Replicas are asked too: ACL users are not replicated, and a
 * master demoted by a failover keeps the run users it had, while a run's drop goes to its slot's
 * master (or is lost when the old node did not answer). The registry is one key, asked through
 * the Cluster client.
 */
import type Redis from "ioredis";
import { runUsername } from "./acl";
import { RUN_ID_PATTERN, RUN_REGISTRY_KEY } from "./namespace";
import { replicas, type ServiceRedis } from "./service-client";
import { MASTER_SWEEP_TIMEOUT_MS, onEachMaster, within } from "./each-master";
import { nodeKey } from "./slots";

export const SCAN_COUNT = 1000;
export const PAGES_PER_SWEEP = 10;
const USERS_PER_SWEEP = 100;
/**
 * ACL users are per server while the registry is per database: a user is deleted only when it
 * was already unregistered on a sweep at least this long before. Far above a run's setup (the
 * worker's probe user lives for a round trip), and a harmless delay for a real leftover.
 */
export const USER_GRACE_MS = 2 * 60_000;

const LEARNER_KEY = /^\{r:([A-Za-z0-9_-]+)\}:/;
const RUN_USER = /^pg-run-([A-Za-z0-9_-]+)$/;

export interface OrphanSweep {
  keys: number;
  users: number;
}

export class OrphanSweeper {
  /** Where each server's SCAN goes on ("host:port" -> cursor). */
  private readonly cursors = new Map<string, string>();
  /** Unregistered run users and when a sweep first saw them so. */
  private readonly suspects = new Map<string, number>();

  /** `masterTimeoutMs`: each master's part of a sweep at most (one that does not answer is skipped). */
  constructor(
    private readonly service: ServiceRedis,
    private readonly masterTimeoutMs = MASTER_SWEEP_TIMEOUT_MS,
  ) {}

  async sweep(now = Date.now()): Promise<OrphanSweep> {
    // A master that does not answer is skipped (lib/redis/each-master.ts); its users are then
    // not seen this sweep, and not deleted anywhere.
    const swept = await onEachMaster(this.service, "orphan sweep", (node) => this.sweepKeys(node), this.masterTimeoutMs);
    const keys = swept.reduce((n, s) => n + s.value, 0);
    return { keys, users: await this.sweepUsers([...swept.map((s) => s.node), ...replicas(this.service)], now) };
  }

  /** Up to PAGES_PER_SWEEP SCAN pages of one server from where the last sweep stopped. */
  private async sweepKeys(node: Redis): Promise<number> {
    let removed = 0;
    const at = nodeKey(node);
    for (let page = 0; page < PAGES_PER_SWEEP; page++) {
      const [next, keys] = await node.scan(this.cursors.get(at) ?? "0", "MATCH", "{r:*}:*", "COUNT", SCAN_COUNT);
      this.cursors.set(at, next);
      const byRun = new Map<string, string[]>();
      for (const k of keys) {
        const id = LEARNER_KEY.exec(k)?.[1];
        if (!id || !RUN_ID_PATTERN.test(id)) continue;
        const mine = byRun.get(id);
        if (mine) mine.push(k);
        else byRun.set(id, [k]);
      }
      const orphans = await this.unregistered([...byRun.keys()]);
      const doomed = orphans.flatMap((id) => byRun.get(id) ?? []);
      if (doomed.length > 0) removed += await node.unlink(...doomed);
      if (next === "0") break;
    }
    return removed;
  }

  private async sweepUsers(nodes: Redis[], now: number): Promise<number> {
    /** Which servers have each run user. */
    const holders = new Map<string, Redis[]>();
    // All at once, each within the bound: a node that does not answer (a dead replica is still
    // listed until the slot map is refreshed) is left for a later sweep.
    const listed = await Promise.all(nodes.map((node) => within(node.acl("USERS"), this.masterTimeoutMs).catch(() => []) as Promise<string[]>));
    for (const [i, node] of nodes.entries()) {
      for (const n of listed[i] ?? []) {
        const id = RUN_USER.exec(n)?.[1];
        if (!id || !RUN_ID_PATTERN.test(id)) continue;
        holders.set(id, [...(holders.get(id) ?? []), node]);
      }
    }
    const orphans = new Set(await this.unregistered([...holders.keys()]));
    for (const id of this.suspects.keys()) if (!orphans.has(id)) this.suspects.delete(id);
    const due: string[] = [];
    for (const id of orphans) {
      const since = this.suspects.get(id);
      if (since === undefined) this.suspects.set(id, now);
      else if (now - since >= USER_GRACE_MS && due.length < USERS_PER_SWEEP) due.push(id);
    }
    if (due.length === 0) return 0;
    let deleted = 0;
    for (const node of nodes) {
      const p = node.pipeline();
      for (const id of due) if (holders.get(id)?.includes(node)) p.acl("DELUSER", runUsername(id));
      if (p.length === 0) continue;
      const res = (await within(p.exec(), this.masterTimeoutMs).catch(() => null)) ?? [];
      deleted += res.reduce((n, [e, v]) => n + (e ? 0 : Number(v)), 0);
    }
    for (const id of due) this.suspects.delete(id);
    return deleted;
  }

  /** The ids that have no registry entry (one ZMSCORE for all). */
  private async unregistered(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const scores = await this.service.zmscore(RUN_REGISTRY_KEY, ...ids);
    return ids.filter((_, i) => scores[i] === null);
  }
}
