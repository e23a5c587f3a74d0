/**
 * The admission gate in front of the worker pool: at most `slots` runs in the pool at once; the
 * others wait in a fair queue (clients take turns) for at most `maxWaitMs`. A run is refused at
 * once when the queue is full or when, at the pace runs are finishing, its wait would exceed that
 * bound - better an honest "busy" now than after five seconds of waiting.
 */
import { FairQueue } from "./fair-queue";

export interface GateOptions {
  /** Runs in the pool at once. */
  slots: number;
  /** Runs waiting at once. */
  queueCapacity: number;
  /** Longest a run may wait for a slot, ms. */
  maxWaitMs: number;
}

export type Admitted = { ok: true; queueMs: number; release: () => void } | { ok: false; queueMs: number };

interface Waiter {
  grant: () => void;
  timer?: NodeJS.Timeout;
}

export class AdmissionGate {
  private inPool = 0;
  private readonly queue: FairQueue<Waiter>;
  /** Smoothed time a run holds its slot, ms: how fast the queue moves. 0 until a run finished. */
  private holdMs = 0;
  /** Runs told "busy" since this gate was made: the figure an operator scales on. */
  private refusedRuns = 0;

  constructor(private readonly opts: GateOptions) {
    this.queue = new FairQueue<Waiter>(opts.queueCapacity);
  }

  get running(): number {
    return this.inPool;
  }

  get waiting(): number {
    return this.queue.size;
  }

  get refused(): number {
    return this.refusedRuns;
  }

  get slots(): number {
    return this.opts.slots;
  }

  /**
   * Waits for a slot for this client's run; `release` must be called exactly once when it ends.
   * `bounded: false` waits as long as it takes (our own batch callers: grader tests, CLI, bench).
   */
  admit(client: string, bounded = true): Promise<Admitted> {
    const t0 = performance.now();
    if (this.inPool < this.opts.slots && this.queue.size === 0) return Promise.resolve(this.grant());
    if (bounded && this.expectedWaitMs(client) > this.opts.maxWaitMs) return Promise.resolve(this.refuse(0));
    return new Promise<Admitted>((resolve) => {
      const w: Waiter = { grant: () => resolve(this.grant(t0)) };
      if (!this.queue.push(client, w)) return resolve(this.refuse(0));
      if (!bounded) return;
      w.timer = setTimeout(() => {
        if (this.queue.remove(client, w)) resolve(this.refuse(performance.now() - t0));
      }, this.opts.maxWaitMs);
    });
  }

  /** Estimated wait of a new run of this client: the runs served before it, at the pool's pace. */
  expectedWaitMs(client: string): number {
    if (this.holdMs === 0) return 0;
    return (this.queue.aheadOf(client) * this.holdMs) / this.opts.slots;
  }

  private refuse(queueMs: number): Admitted {
    this.refusedRuns++;
    return { ok: false, queueMs };
  }

  /** `queuedAt`: when a run that had to wait asked; its wait is reported as queueMs. */
  private grant(queuedAt?: number): Admitted {
    this.inPool++;
    const start = performance.now();
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.inPool--;
      const held = performance.now() - start;
      this.holdMs = this.holdMs === 0 ? held : this.holdMs * 0.95 + held * 0.05;
      this.next();
    };
    return { ok: true, queueMs: queuedAt === undefined ? 0 : start - queuedAt, release };
  }

  private next(): void {
    while (this.inPool < this.opts.slots) {
      const n = this.queue.shift();
      if (!n) return;
      clearTimeout(n.item.timer);
      n.item.grant();
    }
  }
}
