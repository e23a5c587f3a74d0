import { serviceRedis } from "./service-client";

/** PING with a short deadline: the health route must answer even when Redis hangs. */
export async function pingRedis(timeoutMs = 1000): Promise<{ ok: boolean; latencyMs?: number; error?: string }> {
  const t = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      serviceRedis().ping(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
    return { ok: true, latencyMs: Math.round((performance.now() - t) * 100) / 100 };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  } finally {
    clearTimeout(timer);
  }
}
