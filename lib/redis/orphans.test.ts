// The orphan sweep against a redis-server of its own (started like `npm start` starts one): ACL
// users are per server, so sweeping them on the shared test server would race other test files.
import { describe, expect, it } from "vitest";
import { ownRedisServer } from "../../test/support/own-redis";
import { runUser } from "./acl";
import { registerRun, startJanitor } from "./janitor";
import { keyPrefix, RUN_REGISTRY_KEY, serviceKeys } from "./namespace";
import { OrphanSweeper, PAGES_PER_SWEEP, SCAN_COUNT, USER_GRACE_MS } from "./orphans";

const own = ownRedisServer();

const count = async (match: string) => {
  let n = 0;
  let cursor = "0";
  do {
    const [next, keys] = await own.redis.scan(cursor, "MATCH", match, "COUNT", 1000);
    n += keys.length;
    cursor = next;
  } while (cursor !== "0");
  return n;
};

describe("the janitor finds leftovers of runs that are not registered", () => {
  it("unlinks an unregistered run's learner keys, and nothing of a registered run or anyone's service keys", async () => {
    await registerRun(own.redis.pipeline(), "liverun1", Date.now(), 10_000).exec();
    await own.redis.mset(`${keyPrefix("orphan1")}a`, "1", `${keyPrefix("orphan1")}b`, "2", `${keyPrefix("liverun1")}a`, "3", "{r:x}:short-id", "4");
    await own.redis.set(serviceKeys("orphan1").result, "{}");
    const swept = await new OrphanSweeper(own.redis).sweep();
    expect(swept.keys).toBe(2);
    expect(await own.redis.exists(`${keyPrefix("orphan1")}a`, `${keyPrefix("orphan1")}b`)).toBe(0);
    expect(await own.redis.get(`${keyPrefix("liverun1")}a`)).toBe("3");
    expect(await own.redis.get(serviceKeys("orphan1").result)).toBe("{}");
    // Not a run id the engine could have made: no pattern is built from it, nothing is touched.
    expect(await own.redis.get("{r:x}:short-id")).toBe("4");
  });

  it("a sweep is bounded (SCAN pages, no slow command) and later sweeps carry on where it stopped", async () => {
    const total = 40_000;
    for (let i = 0; i < total; i += 1000) {
      const kv = Array.from({ length: 1000 }, (_, j) => [`${keyPrefix(`many-${(i + j) % 500}xx`)}k${i + j}`, "v"]).flat();
      await own.redis.mset(...kv);
    }
    await own.redis.slowlog("RESET");
    const sweeper = new OrphanSweeper(own.redis);
    const first = await sweeper.sweep();
    expect(first.keys).toBeGreaterThan(0);
    // SCAN's COUNT is a hint: a page may hold a little more than asked.
    expect(first.keys).toBeLessThan(PAGES_PER_SWEEP * SCAN_COUNT * 1.5);
    expect(first.keys).toBeLessThan(total);
    let sweeps = 1;
    while ((await count("{r:many-*")) > 0 && sweeps < 50) {
      await sweeper.sweep();
      sweeps++;
    }
    expect(await count("{r:many-*")).toBe(0);
    expect(sweeps).toBeGreaterThan(1);
    // Nothing the sweeps sent took Redis 10 ms or more (slowlog-log-slower-than from the scripts).
    const slow = (await own.redis.slowlog("GET", 10)) as [number, number, number, string[]][];
    expect(slow.map(([, , us, argv]) => `${argv.slice(0, 3).join(" ")}: ${us} us`)).toEqual([]);
  });

  it("deletes an unregistered run user only once a sweep a grace period earlier saw it unregistered too", async () => {
    const orphan = runUser("orphan2");
    const live = runUser("liverun2");
    await registerRun(own.redis.pipeline(), "liverun2", Date.now(), 10_000).exec();
    await own.redis.acl("SETUSER", orphan.username, ...orphan.rules);
    await own.redis.acl("SETUSER", live.username, ...live.rules);
    await own.redis.acl("SETUSER", "pg-someone-else", "on", "nopass");
    const users = async () => (await own.redis.acl("USERS")) as string[];
    const sweeper = new OrphanSweeper(own.redis);
    const t = Date.now();
    expect((await sweeper.sweep(t)).users).toBe(0);
    expect(await users()).toContain(orphan.username);
    expect((await sweeper.sweep(t + USER_GRACE_MS - 1)).users).toBe(0);
    expect((await sweeper.sweep(t + USER_GRACE_MS)).users).toBe(1);
    const after = await users();
    expect(after).not.toContain(orphan.username);
    expect(after).toContain(live.username);
    expect(after).toContain("pg-someone-else");
    expect(await own.redis.zscore(RUN_REGISTRY_KEY, "liverun2")).not.toBeNull();
  });

  it("the background janitor sweeps orphans on its interval too", async () => {
    await own.redis.set(`${keyPrefix("orphan3")}k`, "1");
    const stop = startJanitor(own.redis, 20);
    try {
      await expect.poll(() => own.redis.exists(`${keyPrefix("orphan3")}k`), { timeout: 5000, interval: 20 }).toBe(0);
    } finally {
      stop();
    }
  });
});
