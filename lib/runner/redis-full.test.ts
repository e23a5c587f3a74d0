// Redis full, for real: a redis-server of its own with a tiny maxmemory (started like the scripts
// start one), filled on a service connection. A run is told the playground's Redis is full (not
// "internal problem"), health says "full", and both recover by themselves once space is back.
import Redis from "ioredis";
import { describe, expect, it } from "vitest";
import { ownRedisServer } from "../../test/support/own-redis";
import { redisHealth } from "../redis/health";
import { RUN_REGISTRY_KEY } from "../redis/janitor";
import { REDIS_FULL } from "../errors";
import { eventually, run } from "./test-support";

const own = ownRedisServer({ maxmemory: "4mb", asRedisUrl: true });

/**
 * Writes until Redis refuses even a tiny value with OOM (a large refused write may only have
 * been over because of its own query buffer); returns the keys written.
 */
async function fill(): Promise<string[]> {
  const keys: string[] = [];
  for (const size of [256 * 1024, 16 * 1024, 1024, 16]) {
    for (;;) {
      const key = `fill:${keys.length}`;
      try {
        await own.redis.set(key, "f".repeat(size));
        keys.push(key);
      } catch (e) {
        expect((e as Error).message).toMatch(/^OOM /);
        break;
      }
      if (keys.length > 10_000) throw new Error("Redis never refused a write: is maxmemory set?");
    }
  }
  return keys;
}

const program = `import Redis from "ioredis";\nconst r = new Redis();\nawait r.set("a", "1");\nconsole.log(await r.incrby("balance:1", 5));`;
const setup = [["SET", "balance:1", "100"]];

describe("when Redis is full", () => {
  it("a run says the playground's Redis is full, health says full, and both recover once space is back", async () => {
    // A first run so the workers exist and are connected before Redis fills up.
    expect((await run(program, { setup })).status).toBe("ok");
    const before = await redisHealth(1000, own.redis);
    expect(before).toMatchObject({ state: "ok", maxMemoryBytes: 4 * 1024 * 1024 });
    expect(before.usedMemoryBytes).toBeGreaterThan(0);

    const filled = await fill();
    // Just over maxmemory, client buffers coming and going could bring Redis back under it for a
    // moment: a lower maxmemory keeps it clearly full until the data is freed.
    await own.redis.config("SET", "maxmemory", "3mb");
    const full = await run(program, { setup, inspectKeys: ["balance:1"] });
    expect(full.error?.code).toBe("redis_full");
    expect(full.error?.message).toBe(REDIS_FULL.message);
    expect(full.status).toBe("error");
    const health = await redisHealth(1000, own.redis);
    expect(health.state).toBe("full");
    expect(health.usedMemoryBytes!).toBeGreaterThanOrEqual(health.maxMemoryBytes! * 0.95);

    await own.redis.unlink(...filled);
    expect((await redisHealth(1000, own.redis)).state).toBe("ok");
    const next = await run(program, { setup, inspectKeys: ["balance:1"] });
    expect(next.status).toBe("ok");
    expect(next.output).toEqual(["105"]);
    expect(next.finalState).toEqual({ "balance:1": "105" });

    // Neither run left anything: the refused one's cleanup went through (UNLINK, ACL DELUSER and
    // ZREM are allowed at maxmemory), the other's as usual.
    await eventually(async () => {
      for (const id of [full.runId, next.runId]) {
        expect((await own.redis.scan("0", "MATCH", `{r:${id}}:*`, "COUNT", 1000))[1]).toEqual([]);
        expect((await own.redis.acl("USERS")) as string[]).not.toContain(`pg-run-${id}`);
        expect(await own.redis.zscore(RUN_REGISTRY_KEY, id)).toBeNull();
      }
    });
  });

  it("health says down when Redis does not answer", async () => {
    const nowhere = new Redis("redis://127.0.0.1:1", { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    nowhere.on("error", () => {});
    try {
      expect((await redisHealth(300, nowhere)).state).toBe("down");
    } finally {
      nowhere.disconnect();
    }
  });
});
