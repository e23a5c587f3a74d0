import type Redis from "ioredis";
import { masters, serviceRedis, type ServiceRedis } from "./service-client";
import { nodeKey } from "./slots";

/**
 * Redis counts as full from this share of maxmemory on: with `noeviction`, writes are refused
 * at maxmemory (the playground's own setup writes too), and one command may overshoot it.
 */
export const FULL_RATIO = 0.95;

/** One master as health sees it (INFO memory and clients). */
export interface NodeHealth {
  /** "host:port" (on a single server: its URL's host and port). */
  node: string;
  ok: boolean;
  latencyMs?: number;
  usedMemoryBytes?: number;
  /** 0 = no limit. */
  maxMemoryBytes?: number;
  /** INFO clients' connected_clients: runs' pooled connections, viewers, service clients. */
  connectedClients?: number;
  /** INFO clients' blocked_clients: step-mode runs and viewers waiting in BLPOP / XREAD BLOCK. */
  blockedClients?: number;
  error?: string;
}

export interface RedisHealth {
  /** "full": answering, but at or near maxmemory, so runs fail until space is freed. */
  state: "ok" | "full" | "down";
  latencyMs?: number;
  /** INFO memory's used_memory and maxmemory (0 = no limit), in bytes: the fullest master's. */
  usedMemoryBytes?: number;
  maxMemoryBytes?: number;
  /** Every master (one on a single server), each with its own figures or its error. */
  nodes: NodeHealth[];
  error?: string;
}

/**
 * Whether Redis answers and has room: PING for the latency, then INFO memory and clients. Nothing
 * is kept between calls, so "full" turns back into "ok" by itself as soon as memory is freed. On
 * a cluster every master is asked: the slowest sets the latency, the fullest the memory figures
 * (a run whose slot is on a full master fails), and one master down is "down".
 */
export async function redisHealth(timeoutMs = 1000, redis: ServiceRedis = serviceRedis()): Promise<RedisHealth> {
  try {
    await withDeadline(redis, (r) => r.ping(), timeoutMs);
    const nodes = await Promise.all(masters(redis).map((node) => nodeHealth(node, timeoutMs)));
    if (nodes.length === 0) throw new Error("no master known");
    const up = nodes.filter((n) => n.ok);
    if (up.length < nodes.length) return { state: "down", nodes, error: nodes.find((n) => !n.ok)?.error };
    const latencyMs = Math.max(...up.map((n) => n.latencyMs ?? 0));
    const fullest = up.reduce((a, b) => (ratio(b) > ratio(a) ? b : a));
    const full = up.some((n) => ratio(n) >= FULL_RATIO);
    return { state: full ? "full" : "ok", latencyMs, usedMemoryBytes: fullest.usedMemoryBytes, maxMemoryBytes: fullest.maxMemoryBytes, nodes };
  } catch (e) {
    return { state: "down", nodes: [], error: e instanceof Error ? e.message : String(e) };
  }
}

async function nodeHealth(node: Redis, timeoutMs: number): Promise<NodeHealth> {
  const at = nodeKey(node);
  try {
    const t = performance.now();
    await withDeadline(node, (r) => r.ping(), timeoutMs);
    const latencyMs = Math.round((performance.now() - t) * 100) / 100;
    const info = await withDeadline(node, (r) => r.info("memory").then(async (m) => m + (await r.info("clients"))), timeoutMs);
    return {
      node: at,
      ok: true,
      latencyMs,
      usedMemoryBytes: infoField(info, "used_memory"),
      maxMemoryBytes: infoField(info, "maxmemory"),
      connectedClients: infoField(info, "connected_clients"),
      blockedClients: infoField(info, "blocked_clients"),
    };
  } catch (e) {
    return { node: at, ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

const ratio = (n: NodeHealth) => (n.maxMemoryBytes ? (n.usedMemoryBytes ?? 0) / n.maxMemoryBytes : 0);

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
