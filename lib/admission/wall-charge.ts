/**
 * The wall limit charges a run only for time it could make progress. QuickJS runs guest code
 * synchronously on the worker's thread, so while another run's code is on the CPU this run can
 * do nothing - its timer cannot even fire. That time (how long other runs' guest code held the
 * thread during this run's life: wall time, which on a busy machine is well above their CPU) is
 * not charged: when the timer fires, the remainder is re-armed instead.
 *
 * A run starved for far longer than its limit (a saturated server) is still ended, as "busy",
 * so the host's own deadline (lib/runner/host/run-program.ts) is never reached by a healthy worker.
 */

/** How much longer than its wall limit a starved run may take before it is ended as busy. */
export const STARVED_AFTER_MS = 30_000;

export interface WallCharge {
  /** Stops the clock; returns the time not charged (others' hold on the thread during this run), ms. */
  stop: () => number;
}

/**
 * `othersHeldMs` reads how long other runs' guest code held this thread since the clock started.
 * `onExpire` is called once: "timeout" when the run itself used its limit, "starved" otherwise.
 */
export function startWallCharge(limitMs: number, othersHeldMs: () => number, onExpire: (why: "timeout" | "starved") => void): WallCharge {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    const elapsed = performance.now() - t0;
    const charged = elapsed - Math.max(0, othersHeldMs());
    if (charged >= limitMs) return onExpire("timeout");
    if (elapsed >= limitMs + STARVED_AFTER_MS) return onExpire("starved");
    timer = setTimeout(check, Math.max(1, Math.min(limitMs - charged, limitMs + STARVED_AFTER_MS - elapsed)));
  };
  timer = setTimeout(check, limitMs);
  return {
    stop: () => {
      clearTimeout(timer);
      return Math.max(0, othersHeldMs());
    },
  };
}
