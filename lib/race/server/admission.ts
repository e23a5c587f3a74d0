/**
 * Bounds that keep one lab from starving an instance: concurrent race runs per instance (counted
 * in Redis, one sorted-set member per run whose score is its deadline, so a crashed instance's
 * runs age out) and open SSE connections per instance (counted in memory: they live here).
 */
import { randomBytes } from "node:crypto";
import type Redis from "ioredis";

const g = globalThis as unknown as { __raceInstance?: string; __raceViewers?: number };

/** This process's id; a restart is a new instance. */
export function instanceId(): string {
  g.__raceInstance ??= `${process.pid}-${randomBytes(4).toString("hex")}`;
  return g.__raceInstance;
}

export const MAX_RUNS_PER_INSTANCE = Number(process.env.RACE_MAX_RUNS) || 6;
export const MAX_VIEWERS_PER_INSTANCE = Number(process.env.RACE_MAX_VIEWERS) || 200;

const activeKey = () => `race:active:${instanceId()}`;

export const BUSY_RUNS = `This server is already running ${MAX_RUNS_PER_INSTANCE} race-lab runs. Wait for one to finish (or stop one) and try again.`;
export const BUSY_VIEWERS = "Too many people are watching runs on this server right now. Reload in a minute.";

/** Claims a slot for a run until it ends (or until `ttlMs`, if this instance dies first). */
export async function reserveRun(redis: Redis, runId: string, ttlMs: number): Promise<boolean> {
  const key = activeKey();
  const now = Date.now();
  const res = await redis
    .multi()
    .zremrangebyscore(key, "-inf", now)
    .zadd(key, now + ttlMs, runId)
    .zcard(key)
    .pexpire(key, ttlMs + 60_000)
    .exec();
  const count = Number(res?.[2]?.[1] ?? Infinity);
  if (count <= MAX_RUNS_PER_INSTANCE) return true;
  await redis.zrem(key, runId);
  return false;
}

export async function releaseRun(redis: Redis, runId: string): Promise<void> {
  await redis.zrem(activeKey(), runId);
}

export async function activeRuns(redis: Redis): Promise<number> {
  const key = activeKey();
  await redis.zremrangebyscore(key, "-inf", Date.now());
  return redis.zcard(key);
}

/** An SSE slot; call the returned function exactly once when the stream closes. */
export function openViewer(): (() => void) | null {
  const n = g.__raceViewers ?? 0;
  if (n >= MAX_VIEWERS_PER_INSTANCE) return null;
  g.__raceViewers = n + 1;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    g.__raceViewers = Math.max(0, (g.__raceViewers ?? 1) - 1);
  };
}
