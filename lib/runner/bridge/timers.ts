/**
 * The guest's setTimeout and sleep(), as host timers: each is capped at the run's wall limit and
 * released (resolving to "did not fire") when the run ends, so none outlives it.
 */
export class RunTimers {
  private readonly timers = new Map<number, { timer: NodeJS.Timeout; resolve: (fired: boolean) => void }>();
  private anonymous = 0;

  constructor(private readonly maxMs: number) {}

  /** Resolves to true when the timer fired, false when it was cancelled or the run ended. */
  start(ms: number, timerId: number): Promise<boolean> {
    // sleep() has no id of its own; it still needs an entry so releaseAll() can release it.
    const key = timerId || -++this.anonymous;
    return new Promise<boolean>((resolve) => {
      let settled = false;
      const done = (fired: boolean) => {
        if (settled) return;
        settled = true;
        this.timers.delete(key);
        resolve(fired);
      };
      const timer = setTimeout(() => done(true), Math.max(0, Math.min(ms, this.maxMs)));
      this.timers.set(key, { timer, resolve: done });
    });
  }

  cancel(id: number): void {
    const t = this.timers.get(id);
    if (!t) return;
    clearTimeout(t.timer);
    t.resolve(false);
  }

  releaseAll(): void {
    for (const { timer, resolve } of this.timers.values()) {
      clearTimeout(timer);
      resolve(false);
    }
    this.timers.clear();
  }
}
