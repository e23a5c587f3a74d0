// The janitor against a real Redis (REDIS_URL from the global setup). The runs here are faked
// (registry entry, keys, ACL user) in a database of their own, so other test files running in
// parallel never see these keys and the sweep never sees their runs. ACL users are server-wide:
// each test deletes its own, and their `pg-run-jan-` prefix is what isolation.test.ts ignores.
import { randomBytes } from "node:crypto";
import { connect, createServer, type AddressInfo, type Server } from "node:net";
import Redis from "ioredis";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { runUser } from "./acl";
import { keyPrefix, RUN_REGISTRY_KEY, serviceKeys } from "./namespace";
import { registerRun, RUN_LEASE_MS, runDeadline, startJanitor, sweepExpiredRuns } from "./janitor";

const JANITOR_DB = 9;
const WALL_MS = 10_000;
const redis = new Redis(process.env.REDIS_URL!, { db: JANITOR_DB });
const created: string[] = [];

afterEach(async () => {
  const ids = created.splice(0);
  if (ids.length === 0) return;
  const p = redis.pipeline().zrem(RUN_REGISTRY_KEY, ...ids);
  for (const id of ids) {
    p.unlink(serviceKeys(id).result, `${keyPrefix(id)}a`, `${keyPrefix(id)}b`, `${keyPrefix(id)}h`);
    p.acl("DELUSER", runUser(id).username);
  }
  await p.exec();
});
afterAll(() => redis.disconnect());

/** A run as a worker leaves it: registered, with learner keys, a user and a stored result. */
async function fakeRun(startedAt: number): Promise<string> {
  const id = `jan-${randomBytes(6).toString("hex")}`;
  created.push(id);
  const user = runUser(id);
  const p = redis.pipeline();
  registerRun(p, id, startedAt, WALL_MS);
  p.acl("SETUSER", user.username, ...user.rules);
  p.set(`${keyPrefix(id)}a`, "1").set(`${keyPrefix(id)}b`, "2").hset(`${keyPrefix(id)}h`, "f", "v");
  p.set(serviceKeys(id).result, "{}", "EX", 3600);
  const res = (await p.exec()) ?? [];
  for (const [e] of res) if (e) throw e;
  return id;
}

const abandoned = () => fakeRun(Date.now() - WALL_MS - RUN_LEASE_MS - 1000);
const live = () => fakeRun(Date.now());
const learnerKeys = async (id: string) => (await redis.scan("0", "MATCH", `${keyPrefix(id)}*`, "COUNT", 10_000))[1].sort();
const userExists = async (id: string) => ((await redis.acl("USERS")) as string[]).includes(runUser(id).username);

describe("the janitor cleans up runs whose worker died", () => {
  it("registers a run until its wall limit plus the lease margin", async () => {
    const now = Date.now();
    const id = await fakeRun(now);
    expect(Number(await redis.zscore(RUN_REGISTRY_KEY, id))).toBe(runDeadline(now, WALL_MS));
    expect(runDeadline(now, WALL_MS)).toBe(now + WALL_MS + RUN_LEASE_MS);
  });

  it("a sweep deletes an abandoned run's keys, user and registry entry, and nothing else", async () => {
    const dead = await abandoned();
    const alive = await live();
    expect(await learnerKeys(dead)).toHaveLength(3);
    expect(await userExists(dead)).toBe(true);

    expect(await sweepExpiredRuns(redis)).toBeGreaterThanOrEqual(1);

    expect(await learnerKeys(dead)).toEqual([]);
    expect(await userExists(dead)).toBe(false);
    expect(await redis.zscore(RUN_REGISTRY_KEY, dead)).toBeNull();
    // Its stored result stays replayable; it expires on its own.
    expect(await redis.get(serviceKeys(dead).result)).toBe("{}");
    // The live run is untouched.
    expect(await learnerKeys(alive)).toEqual([`${keyPrefix(alive)}a`, `${keyPrefix(alive)}b`, `${keyPrefix(alive)}h`]);
    expect(await userExists(alive)).toBe(true);
    expect(await redis.zscore(RUN_REGISTRY_KEY, alive)).not.toBeNull();
  });

  it("sweeping again, or from two places at once, is harmless and counts each run once", async () => {
    const ids = await Promise.all([abandoned(), abandoned(), abandoned()]);
    const alive = await live();
    const counts = await Promise.all([sweepExpiredRuns(redis), sweepExpiredRuns(redis)]);
    expect(counts[0]! + counts[1]!).toBe(3);
    expect(await sweepExpiredRuns(redis)).toBe(0);
    for (const id of ids) {
      expect(await learnerKeys(id)).toEqual([]);
      expect(await userExists(id)).toBe(false);
      expect(await redis.zscore(RUN_REGISTRY_KEY, id)).toBeNull();
    }
    expect(await learnerKeys(alive)).toHaveLength(3);
    expect(await userExists(alive)).toBe(true);
  });

  it("drops a malformed registry entry without building a key pattern from it", async () => {
    await redis.set("{r:x}:kept", "1");
    try {
      await redis.zadd(RUN_REGISTRY_KEY, 1, "*");
      expect(await sweepExpiredRuns(redis)).toBe(0);
      expect(await redis.zscore(RUN_REGISTRY_KEY, "*")).toBeNull();
      expect(await redis.get("{r:x}:kept")).toBe("1");
    } finally {
      await redis.unlink("{r:x}:kept");
    }
  });

  it("the background janitor sweeps on its interval and stops when told", async () => {
    const dead = await abandoned();
    const stop = startJanitor(redis, 20);
    try {
      await expect.poll(() => redis.zscore(RUN_REGISTRY_KEY, dead), { timeout: 5000, interval: 20 }).toBeNull();
      expect(await learnerKeys(dead)).toEqual([]);
    } finally {
      stop();
    }
  });

  it("the background janitor survives Redis being unreachable, and sweeps once it is back", async () => {
    // Redis behind a port nothing listens on yet: every tick fails. Then the port starts
    // forwarding to the real Redis, and the same janitor must go on to sweep.
    const port = await freePort();
    const target = new URL(process.env.REDIS_URL!);
    const flaky = new Redis({ host: "127.0.0.1", port, db: JANITOR_DB, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 20 });
    let connectErrors = 0;
    flaky.on("error", () => (connectErrors += 1));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const dead = await abandoned();
    const stop = startJanitor(flaky, 10);
    let proxy: Server | undefined;
    try {
      await expect.poll(() => connectErrors, { timeout: 5000, interval: 10 }).toBeGreaterThanOrEqual(5);
      // Ticks during the outage did nothing, threw nothing.
      expect(await redis.zscore(RUN_REGISTRY_KEY, dead)).not.toBeNull();
      proxy = forward(port, target.hostname, Number(target.port || 6379));
      await expect.poll(() => redis.zscore(RUN_REGISTRY_KEY, dead), { timeout: 10_000, interval: 20 }).toBeNull();
      expect(await learnerKeys(dead)).toEqual([]);
      expect(unhandled).toEqual([]);
    } finally {
      stop();
      process.off("unhandledRejection", onUnhandled);
      flaky.disconnect();
      await new Promise((r) => (proxy ? proxy.close(r) : r(undefined)));
    }
  });
});

/** A loopback port free right now. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** A plain TCP forwarder from a loopback port to Redis: the network coming back. */
function forward(port: number, host: string, to: number): Server {
  const server = createServer((client) => {
    const upstream = connect(to, host);
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  server.listen(port, "127.0.0.1");
  return server;
}
