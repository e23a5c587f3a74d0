import type Redis from "ioredis";
import { masters, serviceRedis, type ServiceRedis } from "./service-client";

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
 * between calls, so "full" turns back into "ok" by itself as soon as memory is freed. On a
 * cluster every master is asked: the slowest sets the latency, the fullest the memory figures
 * (a run whose slot is on a full master fails), and one master down is "down".
 */
export async function redisHealth(timeoutMs = 1000, redis: ServiceRedis = serviceRedis()): Promise<RedisHealth> {
  try {
    await withDeadline(redis, (r) => r.ping(), timeoutMs);
    const nodes = await Promise.all(masters(redis).map((node) => nodeHealth(node, timeoutMs)));
    if (nodes.length === 0) throw new Error("no master known");
    const latencyMs = Math.max(...nodes.map((n) => n.latencyMs));
    const fullest = nodes.reduce((a, b) => (ratio(b) > ratio(a) ? b : a));
    const full = nodes.some((n) => n.max > 0 && n.used >= n.max * FULL_RATIO);
    return { state: full ? "full" : "ok", latencyMs, usedMemoryBytes: fullest.used, maxMemoryBytes: fullest.max };
  } catch (e) {
    return { state: "down", error: e instanceof Error ? e.message : String(e) };
  }
}

async function nodeHealth(node: Redis, timeoutMs: number): Promise<{ latencyMs: number; used: number; max: number }> {
  const t = performance.now();
  await withDeadline(node, (r) => r.ping(), timeoutMs);
  const latencyMs = Math.round((performance.now() - t) * 100) / 100;
  const info = await withDeadline(node, (r) => r.info("memory"), timeoutMs);
  return { latencyMs, used: infoField(info, "used_memory"), max: infoField(info, "maxmemory") };
}

const ratio = (n: { used: number; max: number }) => (n.max > 0 ? n.used / n.max : 0);

const infoField = (info: string, name: string) => Number(new RegExp(`^${name}:(\\d+)`, "m").exec(info)?.[1] ?? 0);

async function withDeadline<C extends ServiceRedis, T>(redis: C, call: (r: C) => Promise<T>, timeoutMs: number): Promise<T> {
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
