import type Redis from "ioredis";
import { serviceRedis } from "./service-client";

/**
 * Redis counts as full from this share of maxmemory on: with `noeviction`, writes are refused
 * at maxmemory (the playground's own setup writes too), and one command may overshoot it.
 */
export const FULL_RATIO = 0.95;

export interface RedisHealth {
  /** "full": answering, but at or near maxmemory, so runs fail until space is freed. */
  state: "ok" | "full" | "down";
  latencyMs?: number;
  /** INFO memory's used_memory and maxmemory (0 = no limit), in bytes. */
  usedMemoryBytes?: number;
  maxMemoryBytes?: number;
  error?: string;
}

/**
 * Whether Redis answers and has room: PING for the latency, then INFO memory. Nothing is kept
 * between calls, so "full" turns back into "ok" by itself as soon as memory is freed.
 */
export async function redisHealth(timeoutMs = 1000, redis: Redis = serviceRedis()): Promise<RedisHealth> {
  const t = performance.now();
  try {
    await withDeadline(redis, (r) => r.ping(), timeoutMs);
    const latencyMs = Math.round((performance.now() - t) * 100) / 100;
    const info = await withDeadline(redis, (r) => r.info("memory"), timeoutMs);
    const used = infoField(info, "used_memory");
    const max = infoField(info, "maxmemory");
    const full = max > 0 && used >= max * FULL_RATIO;
    return { state: full ? "full" : "ok", latencyMs, usedMemoryBytes: used, maxMemoryBytes: max };
  } catch (e) {
    return { state: "down", error: e instanceof Error ? e.message : String(e) };
  }
}

const infoField = (info: string, name: string) => Number(new RegExp(`^${name}:(\\d+)`, "m").exec(info)?.[1] ?? 0);

async function withDeadline<T>(redis: Redis, call: (r: Redis) => Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    // The connection refuses commands until it is up (no offline queue): wait for it, briefly.
    const ready = redis.status === "ready" ? Promise.resolve() : new Promise<void>((resolve) => redis.once("ready", () => resolve()));
    return await Promise.race([
      ready.then(() => call(redis)),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
