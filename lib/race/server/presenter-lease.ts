/**
 * A step-mode run holds one of few race-lab slots while it waits for its presenter (up to the
 * idle time they chose). When the presenter's page is gone - tab closed, laptop shut - nobody
 * will step it again, so the slot should come back sooner: the page renews a lease in Redis
 * while it is open, and the instance running the run sends the ordinary "stop" signal once
 * the lease has lapsed.
 */
import type { ServiceRedis } from "@/lib/redis/service-client";
import { sendControl } from "@/lib/runner/plans/control";

/**
 * How long the presenter's page may stay silent. Chromium runs the timers of a tab hidden for
 * 5 minutes only once a minute, so the lease outlasts one such minute plus a slow request.
 */
export const PRESENTER_LEASE_MS = Number(process.env.RACE_PRESENTER_LEASE_MS) || 90_000;
export const leaseKey = (runId: string) => `{r:${runId}}#lease`;

/** The presenter's page is still there: extend its lease. */
export async function renewLease(redis: ServiceRedis, runId: string, leaseMs = PRESENTER_LEASE_MS): Promise<void> {
  await redis.set(leaseKey(runId), "1", "PX", leaseMs);
}

/**
 * Starts the lease (the page gets a full lease to load) and checks it a few times per lease;
 * stops the run once it has lapsed. Returns the function that ends the watch (call it when the
 * run ends). A check that cannot reach Redis does nothing: a Redis outage is not a gone page.
 */
export function watchPresenterLease(redis: ServiceRedis, runId: string, leaseMs = PRESENTER_LEASE_MS): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = async () => {
    const alive = await redis.exists(leaseKey(runId)).catch(() => 1);
    if (stopped) return;
    if (alive === 0) {
      stopped = true;
      await sendControl(redis, runId, { type: "stop" }).catch(() => {});
      return;
    }
    schedule();
  };
  const schedule = () => {
    timer = setTimeout(() => void check(), Math.max(50, Math.floor(leaseMs / 4)));
    timer.unref?.();
  };
  void renewLease(redis, runId, leaseMs)
    .catch(() => {})
    .then(() => {
      if (!stopped) schedule();
    });
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    void redis.del(leaseKey(runId)).catch(() => {});
  };
}
