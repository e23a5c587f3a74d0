import type { RedisOptions } from "ioredis";

/** One node of a Redis Cluster, as REDIS_CLUSTER_NODES lists it. */
export interface ClusterNode {
  host: string;
  port: number;
}

/**
 * Where the playground's Redis is: REDIS_CLUSTER_NODES (`host:port,host:port,...`, any of the
 * cluster's nodes; the rest are discovered) selects a Redis Cluster, else REDIS_URL a single
 * server. `npm start` / `npm test` set one of them (PLAYGROUND_REDIS=cluster picks the cluster).
 * Credentials always come from REDIS_URL's user and password, on a cluster too.
 */
export type RedisTarget = { kind: "single"; url: string } | { kind: "cluster"; nodes: ClusterNode[] };

export function redisTarget(): RedisTarget {
  const listed = process.env.REDIS_CLUSTER_NODES?.trim();
  return listed ? { kind: "cluster", nodes: parseClusterNodes(listed) } : { kind: "single", url: redisUrl() };
}

const NODE = /^\[?([A-Za-z0-9_.:-]+?)\]?:(\d{1,5})$/;

/** `host:port,host:port` -> nodes; a malformed entry is an error naming it, not a guess. */
export function parseClusterNodes(listed: string): ClusterNode[] {
  const nodes = listed.split(",").map((entry) => {
    const m = NODE.exec(entry.trim());
    const port = Number(m?.[2]);
    if (!m || !(port > 0 && port < 65536)) throw new Error(`REDIS_CLUSTER_NODES: "${entry.trim()}" is not host:port (expected e.g. 127.0.0.1:7000,127.0.0.1:7001).`);
    return { host: m[1]!, port };
  });
  return nodes;
}

/** The single server (REDIS_URL), and the source of credentials on a cluster too. */
export function redisUrl(): string {
  const url = process.env.REDIS_URL || "redis://127.0.0.1:6379";
  if (!/^rediss?:\/\//.test(url)) throw new Error(`REDIS_URL must start with redis:// or rediss:// (got "${url.slice(0, 40)}").`);
  return url;
}

/** The base user's credentials as connection options (empty when REDIS_URL has none). */
export function credentialOptions(): Pick<RedisOptions, "username" | "password"> {
  const u = new URL(redisUrl());
  return {
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
  };
}

/** Per-run ACL users: "auto" uses them when the server allows ACL SETUSER, "off" never. */
export function aclMode(): "auto" | "off" {
  return process.env.PLAYGROUND_ACL === "off" ? "off" : "auto";
}

/** The credentials pooled connections return to after a run (AUTH back from the run's user). */
export function baseCredentials(): Readonly<{ username: string; password: string }> {
  // Asked at every run's hand-back: parsed again only when REDIS_URL changed (tests change it).
  const url = redisUrl();
  if (baseParsed?.url !== url) {
    const u = new URL(url);
    baseParsed = { url, credentials: { username: decodeURIComponent(u.username) || "default", password: decodeURIComponent(u.password) || "nopass" } };
  }
  return baseParsed.credentials;
}
let baseParsed: { url: string; credentials: Readonly<{ username: string; password: string }> } | undefined;

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
