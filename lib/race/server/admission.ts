/**
 * Bounds that keep one lab (or one browser) from starving an instance:
 * - race runs per instance and per client, counted in Redis: one sorted-set member per run whose
 *   score is its deadline, so a crashed instance's runs age out. The client's set is shared by
 *   all instances (a browser may reach any of them).
 * - open SSE connections per instance and per client, counted in memory: they live here.
 */
import { randomBytes } from "node:crypto";
import type { ServiceRedis } from "@/lib/redis/service-client";

const g = globalThis as unknown as { __raceInstance?: string; __raceViewers?: number; __raceViewersByClient?: Map<string, number> };

/** This process's id; a restart is a new instance. */
export function instanceId(): string {
  g.__raceInstance ??= `${process.pid}-${randomBytes(4).toString("hex")}`;
  return g.__raceInstance;
}

export const MAX_RUNS_PER_INSTANCE = Number(process.env.RACE_MAX_RUNS) || 6;
/** Two at once: one on screen and the next one being prepared. */
export const MAX_RUNS_PER_CLIENT = Number(process.env.RACE_MAX_RUNS_PER_CLIENT) || 2;
export const MAX_VIEWERS_PER_INSTANCE = Number(process.env.RACE_MAX_VIEWERS) || 200;
/** A presenter with a few tabs and windows open; far below what would lock others out. */
export const MAX_VIEWERS_PER_CLIENT = Number(process.env.RACE_MAX_VIEWERS_PER_CLIENT) || 20;

// One hash tag, so the MULTI below stays on one slot on Redis Cluster.
const activeKey = () => `{race}:active:${instanceId()}`;
const clientKey = (client: string) => `{race}:client:${client}`;

export const BUSY_RUNS = `This server is already running ${MAX_RUNS_PER_INSTANCE} race-lab runs. Wait for one to finish (or stop one) and try again.`;
export const CLIENT_RUNS = `You already have ${MAX_RUNS_PER_CLIENT} race-lab runs going. Stop one (X on its page) or let it finish, then start the next.`;
export const BUSY_VIEWERS = "Too many people are watching runs on this server right now. Reload in a minute.";
export const CLIENT_VIEWERS = `This browser already has ${MAX_VIEWERS_PER_CLIENT} race runs open live. Close some of those tabs, then reload this one.`;

export type Reservation = { ok: true } | { ok: false; reason: "instance" | "client"; message: string };

/** Claims a slot for a run until it ends (or until `ttlMs`, if this instance dies first). */
export async function reserveRun(redis: ServiceRedis, runId: string, ttlMs: number, client: string): Promise<Reservation> {
  const inst = activeKey();
  const mine = clientKey(client);
  const now = Date.now();
  const res = await redis
    .multi()
    .zremrangebyscore(inst, "-inf", now)
    .zremrangebyscore(mine, "-inf", now)
    .zadd(inst, now + ttlMs, runId)
    .zadd(mine, now + ttlMs, runId)
    .zcard(inst)
    .zcard(mine)
    .pexpire(inst, ttlMs + 60_000)
    .pexpire(mine, ttlMs + 60_000)
    .exec();
  const onInstance = Number(res?.[4]?.[1] ?? Infinity);
  const ofClient = Number(res?.[5]?.[1] ?? Infinity);
  if (onInstance <= MAX_RUNS_PER_INSTANCE && ofClient <= MAX_RUNS_PER_CLIENT) return { ok: true };
  await releaseRun(redis, runId, client);
  // The client's own bound first: that one they can do something about.
  return ofClient > MAX_RUNS_PER_CLIENT ? { ok: false, reason: "client", message: CLIENT_RUNS } : { ok: false, reason: "instance", message: BUSY_RUNS };
}

export async function releaseRun(redis: ServiceRedis, runId: string, client: string): Promise<void> {
  await redis.multi().zrem(activeKey(), runId).zrem(clientKey(client), runId).exec();
}

export async function activeRuns(redis: ServiceRedis, client?: string): Promise<number> {
  const key = client === undefined ? activeKey() : clientKey(client);
  await redis.zremrangebyscore(key, "-inf", Date.now());
  return redis.zcard(key);
}

/** Open SSE slots on this instance, or of one client. */
export function openViewers(client?: string): number {
  return client === undefined ? (g.__raceViewers ?? 0) : (g.__raceViewersByClient?.get(client) ?? 0);
}

export type ViewerSlot = { ok: true; release: () => void } | { ok: false; message: string };

/** An SSE slot for `client`; call `release` exactly once when the stream closes. */
export function openViewer(client: string): ViewerSlot {
  const byClient = (g.__raceViewersByClient ??= new Map());
  const n = g.__raceViewers ?? 0;
  const mine = byClient.get(client) ?? 0;
  if (mine >= MAX_VIEWERS_PER_CLIENT) return { ok: false, message: CLIENT_VIEWERS };
  if (n >= MAX_VIEWERS_PER_INSTANCE) return { ok: false, message: BUSY_VIEWERS };
  g.__raceViewers = n + 1;
  byClient.set(client, mine + 1);
  let done = false;
  const release = () => {
    if (done) return;
    done = true;
    g.__raceViewers = Math.max(0, (g.__raceViewers ?? 1) - 1);
    const left = (byClient.get(client) ?? 1) - 1;
    if (left > 0) byClient.set(client, left);
    else byClient.delete(client);
  };
  return { ok: true, release };
}
