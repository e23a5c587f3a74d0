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
 */
import type Redis from "ioredis";
import type { ChainableCommander } from "ioredis";
import { unregisterRun } from "./janitor";

export interface NamespaceDrop {
  runId: string;
  /** Full (prefixed) key names the run may have created. */
  keys: string[];
  /** The run's ACL user, if it had one. */
  user?: string;
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

  constructor(private readonly service: Redis) {}

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

  /** Waits for every drop still coming, then sends everything queued. */
  async drain(): Promise<void> {
    while (this.coming.size > 0) await Promise.all(this.coming);
    await this.flush();
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
    const p = this.service.pipeline();
    this.drainInto(p);
    if (p.length > 0) await p.exec();
  }

  private take(): NamespaceDrop[] {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.pending.splice(0);
  }
}
