import { serviceRedis } from "./service-client";

/** PING with a short deadline: the health route must answer even when Redis hangs. */
export async function pingRedis(timeoutMs = 1000): Promise<{ ok: boolean; latencyMs?: number; error?: string }> {
  const t = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const redis = serviceRedis();
    // The connection refuses commands until it is up (no offline queue): wait for it, briefly.
    const ready = redis.status === "ready" ? Promise.resolve() : new Promise<void>((resolve) => redis.once("ready", () => resolve()));
    await Promise.race([
      ready.then(() => redis.ping()),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
    return { ok: true, latencyMs: Math.round((performance.now() - t) * 100) / 100 };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}
