import type { RedisOptions } from "ioredis";

/** The Redis every run talks to. `npm start` / `npm test` set REDIS_URL to a local server. */
export function redisUrl(): string {
  return process.env.REDIS_URL || "redis://127.0.0.1:6379";
}

/** Per-run ACL users: "auto" uses them when the server allows ACL SETUSER, "off" never. */
export function aclMode(): "auto" | "off" {
  return process.env.PLAYGROUND_ACL === "off" ? "off" : "auto";
}

/** The credentials pooled connections return to after a run (AUTH back from the run's user). */
export function baseCredentials(): { username: string; password: string } {
  const u = new URL(redisUrl());
  return { username: decodeURIComponent(u.username) || "default", password: decodeURIComponent(u.password) || "nopass" };
}

/**
 * Fail fast, never replay: a command while disconnected errors at once (the learner is told Redis
 * is unavailable), and a dropped connection is not silently reconnected, because a reconnect
 * would silently drop its WATCH (ioredis issue 1686).
 */
export const RUN_CONNECTION_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  retryStrategy: () => null,
  // Generous: a worker's event loop may be busy with another run's CPU slice when it fires.
  connectTimeout: 10_000,
  lazyConnect: false,
  enableAutoPipelining: false,
};

/** Service connections (setup, cleanup, streams, health) reconnect in the background. */
export const SERVICE_CONNECTION_OPTIONS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  retryStrategy: (times) => Math.min(times * 100, 1000),
  connectTimeout: 2000,
  lazyConnect: false,
};
