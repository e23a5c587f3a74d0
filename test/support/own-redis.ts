/**
 * A redis-server of the test file's own, started as `npm start` starts one. For tests whose
 * subject is per server - ACL users, memory, the server's own settings - which other test files
 * on the shared test server would blur or race.
 */
import Redis from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { startLocalRedis } from "../../scripts/redis-server.mjs";

export interface OwnRedis {
  /** The server (url, port, stop), once beforeAll has run. */
  readonly server: Awaited<ReturnType<typeof startLocalRedis>>;
  /** A plain connection to it, for the test's own reads and writes. */
  readonly redis: Redis;
}

/**
 * Starts the server before the file's tests and stops it after them. `asRedisUrl` also points
 * REDIS_URL at it, for code that connects on its own (the engine reads it when first used).
 */
export function ownRedisServer(options: { maxmemory?: string; asRedisUrl?: boolean } = {}): OwnRedis {
  let server: OwnRedis["server"] | undefined;
  let redis: Redis | undefined;
  beforeAll(async () => {
    server = await startLocalRedis({ log: () => {}, ...(options.maxmemory ? { maxmemory: options.maxmemory } : {}) });
    if (options.asRedisUrl) process.env.REDIS_URL = server.url;
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });
  const started = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error("ownRedisServer: the server starts in beforeAll - use it inside a test or hook");
    return v;
  };
  return {
    get server() {
      return started(server);
    },
    get redis() {
      return started(redis);
    },
  };
}
