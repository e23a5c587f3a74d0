/**
 * A worker's sandboxes: built ahead of the runs that need them, lent one per run, recycled when
 * the run ends. Building one takes 10-50 ms of the worker's thread, so it happens only while no
 * run is in flight here: it must never sit between a run and its Redis replies. Recycled
 * sandboxes come back restored from their snapshot, so a steady load builds none.
 */
import { Sandbox } from "./sandbox";

/** How many distinct programs a worker remembers having run (to keep repeated ones compiled). */
const SEEN_PROGRAMS = 256;
/** Idle sandboxes beyond the stock are dropped after this long without need. */
const TRIM_MS = 30_000;

export class SandboxStock {
  private readonly idle: Sandbox[] = [];
  private active = 0;
  private building = 0;
  private refilling = false;
  /** Sandboxes lent to runs, and the CPU of those handed back (recycling resets a sandbox's count). */
  private readonly lent = new Set<Sandbox>();
  private returnedHeldMs = 0;
  /** Programs seen recently: one that comes again (a learner running the same code twice, the grader's scenarios, a class running the example) is kept compiled. */
  private readonly seen = new Map<string, number>();

  /**
   * @param stock sandboxes kept built: one for every run the pool lets into this worker at once
   * @param idleMax sandboxes kept at most (runs waiting on a person take theirs on top of the stock)
   */
  constructor(
    private readonly stock: number,
    private readonly idleMax: number,
  ) {
    setInterval(() => {
      while (this.idle.length > this.stock) this.idle.shift()!.dispose();
    }, TRIM_MS).unref();
  }

  /**
   * Builds the stock. The first runs wait for it: built on demand instead, each would wait for
   * the others' builds on this thread as well as its own (a cold worker's first burst).
   */
  async fill(): Promise<void> {
    while (this.idle.length < this.stock) this.idle.push(await Sandbox.create());
  }

  /**
   * A fresh sandbox for this program, with its prelude already evaluated - preferably one that
   * keeps the program compiled - and whether to keep it compiled (it has run here before).
   */
  async take(js: string): Promise<{ sandbox: Sandbox; keepCompiled: boolean }> {
    const runs = (this.seen.get(js) ?? 0) + 1;
    this.seen.delete(js);
    this.seen.set(js, runs);
    if (this.seen.size > SEEN_PROGRAMS) this.seen.delete(this.seen.keys().next().value!);
    // Best: one that keeps this program; else one that keeps none (no extra restore to undo another).
    let i = this.idle.findLastIndex((s) => s.warmProgram === js);
    if (i < 0) i = this.idle.findLastIndex((s) => s.warmProgram === undefined);
    if (i < 0) i = this.idle.length - 1;
    const ready = i >= 0 ? this.idle.splice(i, 1)[0] : undefined;
    if (ready) {
      this.lent.add(ready);
      return { sandbox: ready, keepCompiled: runs > 1 };
    }
    this.building++;
    try {
      const built = await Sandbox.create();
      this.lent.add(built);
      return { sandbox: built, keepCompiled: runs > 1 };
    } finally {
      this.building--;
    }
  }

  /** Hands a finished run's sandbox back: restored to its fresh state and kept, or dropped. */
  giveBack(s: Sandbox): void {
    if (this.lent.delete(s)) this.returnedHeldMs += s.heldMs;
    if (s.recycle() && this.idle.length < this.idleMax) this.idle.push(s);
    else s.dispose();
  }

  /**
   * How long guest code of all runs held this thread so far, ms (monotonic). Wall time, not CPU:
   * on a busy machine a loop's 3 s of CPU can hold the thread for 10, all of it lost to the others.
   */
  guestHeldMs(): number {
    let ms = this.returnedHeldMs;
    for (const s of this.lent) ms += s.heldMs;
    return ms;
  }

  /** Brackets a run, so spare work (refills) happens only while no run is waiting on it. */
  runStarted(): void {
    this.active++;
  }

  runEnded(): void {
    if (--this.active === 0) this.refill();
  }

  private refill(): void {
    if (this.refilling) return;
    this.refilling = true;
    const step = async () => {
      if (this.active > 0 || this.idle.length + this.building >= this.stock) return void (this.refilling = false);
      this.idle.push(await Sandbox.create());
      setImmediate(step);
    };
    setImmediate(step);
  }
}
