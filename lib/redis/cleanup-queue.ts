/**
 * Dropping a finished run's namespace (UNLINK its keys, DELUSER its user, take it off the
 * janitor's registry) is nobody's wait: the learner's result doesn't depend on it. So it is
 * queued, and rides along with the next pipeline the worker sends anyway (the next run's
 * prepare), or goes on its own after a few milliseconds when no run comes. Under load that saves
 * a round trip per run; when idle the keys are gone within FLUSH_DELAY_MS.
 *
 * If a batch never reaches Redis, its runs stay registered and the janitor cleans up after them.
 * A process about to exit (the CLI) calls drain(): it waits for drops still being worked out
 * (`later`) and sends everything.
 *
 * On a cluster nothing rides along (a run's connection reaches only its own slot's master):
 * each run's keys and user are dropped on the master of its slot, and the registry entries of
 * the runs whose drop succeeded are removed afterwards in one ZREM.
 */
import type { ChainableCommander } from "ioredis";
import { RUN_REGISTRY_KEY } from "./namespace";
import { unregisterRun } from "./janitor";
import { isCluster, type ServiceRedis } from "./service-client";
import { nodeKey, runMaster } from "./slots";
import { isSlotGone } from "./errors";

export interface NamespaceDrop {
  runId: string;
  /** Full (prefixed) key names the run may have created. */
  keys: string[];
  /** The run's ACL user, if it had one. */
  user?: string;
  /**
   * On a cluster, "host:port" of the master the run's connections (and its user) were on. The
   * slot may have moved since: its keys follow the slot, its user stays on that node.
   */
  userNode?: string;
  /**
   * False when a connection was dropped with commands in flight: a late write could still land
   * after the UNLINK, so the run stays registered and the janitor sweeps its namespace later.
   */
  unregister: boolean;
}

const FLUSH_DELAY_MS = 5;

export class CleanupQueue {
  private pending: NamespaceDrop[] = [];
  private timer?: NodeJS.Timeout;
  /** Drops not known yet (a run's connections are still being handed back). */
  private readonly coming = new Set<Promise<void>>();
  /** Cluster flushes still being answered (their ZREM follows their nodes' replies). */
  private readonly flushing = new Set<Promise<void>>();

  constructor(private readonly service: ServiceRedis) {}

  add(drop: NamespaceDrop): void {
    this.pending.push(drop);
    this.timer ??= setTimeout(() => void this.flush().catch(() => {}), FLUSH_DELAY_MS);
  }

  /** Queues the drop once it is known; drain() waits for it. */
  later(drop: Promise<NamespaceDrop>): void {
    const p = drop.then(
      (d) => this.add(d),
      () => {},
    );
    this.coming.add(p);
    void p.finally(() => this.coming.delete(p));
  }

  /** Waits for every drop still coming, then sends everything queued, and waits for flushes under way. */
  async drain(): Promise<void> {
    while (this.coming.size > 0) await Promise.all(this.coming);
    await this.flush();
    while (this.flushing.size > 0) await Promise.all(this.flushing);
  }

  /** Moves everything queued onto a pipeline that is about to be sent; returns how many commands. */
  drainInto(p: ChainableCommander): number {
    const before = p.length;
    const batch = this.take();
    for (const d of batch) {
      if (d.keys.length > 0) p.unlink(...d.keys);
      if (d.user) p.acl("DELUSER", d.user);
      if (d.unregister) unregisterRun(p, d.runId);
    }
    return p.length - before;
  }

  /** Sends whatever is queued now. */
  async flush(): Promise<void> {
    if (isCluster(this.service)) {
      const p = this.flushByNode();
      this.flushing.add(p);
      void p.catch(() => {}).finally(() => this.flushing.delete(p));
      return p;
    }
    const p = this.service.pipeline();
    this.drainInto(p);
    if (p.length > 0) await p.exec();
  }

  /** The cluster's flush: per run on its master; a run whose master is not known or failed stays registered. */
  private async flushByNode(): Promise<void> {
    const cluster = this.service;
    if (!isCluster(cluster)) return;
    const dropped = await Promise.all(
      this.take().map(async (d) => {
        const node = runMaster(cluster, d.runId);
        if (!node) return undefined;
        const userNode = (d.userNode !== undefined && cluster.nodes("all").find((n) => nodeKey(n) === d.userNode)) || node;
        const elsewhere = d.user && userNode !== node ? userNode.acl("DELUSER", d.user).catch(() => 0) : undefined;
        const p = node.pipeline();
        if (d.keys.length > 0) p.unlink(...d.keys);
        if (d.user && !elsewhere) p.acl("DELUSER", d.user);
        await elsewhere;
        if (p.length === 0) return d.unregister ? d.runId : undefined;
        // UNLINK must have worked (a MOVED means the keys are elsewhere now); a failed DELUSER is
        // ACL being off, nothing to undo - as on one server.
        const res = await p.exec().catch(() => null);
        let unlinked = d.keys.length === 0 || (res?.[0] !== undefined && res[0][0] === null);
        // The slot moved (or is moving) since the run: the Cluster client follows MOVED and ASK.
        if (!unlinked && isSlotGone(res?.[0]?.[0])) unlinked = await cluster.unlink(...d.keys).then(() => true, () => false);
        return unlinked && d.unregister ? d.runId : undefined;
      }),
    );
    const ids = dropped.filter((id): id is string => id !== undefined);
    if (ids.length > 0) await cluster.zrem(RUN_REGISTRY_KEY, ...ids);
  }

  private take(): NamespaceDrop[] {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.pending.splice(0);
  }
}
