// The shared-run store against a redis-server of its own: the bounds are about this store's
// bytes and Redis's memory, which other test files on a shared server would blur.
import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import { beforeEach, describe, expect, it } from "vitest";
import { ownRedisServer } from "../../test/support/own-redis";
import { sweepExpiredRuns } from "../redis/janitor";
import { OrphanSweeper } from "../redis/orphans";
import { accountedBytes, SHARED_RUN_TTL_MS } from "./budget";
import { compress } from "./codec";
import { SHARED_KEYS, sharedRunKey } from "./keys";
import { SHARED_RUN_ID_PATTERN } from "./share-types";
import { sharedRunText, type SharedRun } from "./shared-run";
import { loadSharedRun, STORE_BOUNDS, storedBytes, storeSharedRun, type StoreBounds } from "./store";

const own = ownRedisServer();
beforeEach(async () => {
  await own.redis.flushall();
});

const run = (output: string[] = ["hello"]): SharedRun => ({
  v: 1,
  slug: "observe-balance",
  source: 'console.log("hello");\n',
  what: { kind: "run" },
  outcome: { status: "ok", output, error: null, finalState: { "balance:1": "100" } },
  trace: { version: 1, clients: [{ id: "A", label: "your connection", origin: "program" }], events: [], truncated: false },
});
/** A run whose text does not compress: `kb` KB of random output. */
const noisy = (kb: number) => sharedRunText(run([randomBytes(kb * 512).toString("hex")]));
const sizeOf = (text: string) => accountedBytes(compress(text).byteLength);

describe("storing and loading a shared run", () => {
  it("keeps it compressed under an unguessable id for 24 hours, readable by any connection", async () => {
    const text = sharedRunText(run());
    const stored = await storeSharedRun(own.redis, text, "c:alice");
    if (!stored.ok) throw new Error(stored.reason);
    expect(stored.id).toMatch(SHARED_RUN_ID_PATTERN);
    const other = new Redis(own.server.url);
    const loaded = await loadSharedRun(other, stored.id);
    other.disconnect();
    expect(loaded?.run).toEqual(run());
    expect(loaded!.expiresAt - Date.now()).toBeGreaterThan(SHARED_RUN_TTL_MS - 60_000);
    expect(await own.redis.pttl(sharedRunKey(stored.id))).toBeGreaterThan(SHARED_RUN_TTL_MS - 60_000);
    expect((await own.redis.getBuffer(sharedRunKey(stored.id)))!.byteLength).toBeLessThan(text.length);
    expect(await storedBytes(own.redis)).toBe(stored.bytes);
    // Two shares of one run are two ids.
    const again = await storeSharedRun(own.redis, text, "c:alice");
    expect(again.ok && again.id !== stored.id).toBe(true);
  });

  it("reads an unknown, malformed or expired id as gone", async () => {
    expect(await loadSharedRun(own.redis, "A".repeat(24))).toBeNull();
    expect(await loadSharedRun(own.redis, "../../etc")).toBeNull();
    const stored = await storeSharedRun(own.redis, sharedRunText(run()), "c:alice", Date.now(), { ...STORE_BOUNDS, ttlMs: 50 });
    expect(stored.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 120));
    expect(await loadSharedRun(own.redis, stored.ok ? stored.id : "")).toBeNull();
  });
});

describe("the store's bounds", () => {
  it("refuses a run larger than one record may be", async () => {
    // Hex compresses about twofold: 700 KB of it is ~350 KB stored, over the 256 KB a record may be.
    const big = noisy(700);
    expect(await storeSharedRun(own.redis, big, "c:alice")).toEqual({ ok: false, reason: "too_large" });
    expect(await own.redis.dbsize()).toBe(0);
  });

  it("caps each client, by count and by bytes, without touching the others", async () => {
    const bounds: StoreBounds = { ...STORE_BOUNDS, clientMaxRuns: 3 };
    for (let i = 0; i < 3; i++) expect((await storeSharedRun(own.redis, sharedRunText(run([`run ${i}`])), "c:alice", Date.now(), bounds)).ok).toBe(true);
    expect(await storeSharedRun(own.redis, sharedRunText(run()), "c:alice", Date.now(), bounds)).toEqual({ ok: false, reason: "client_full" });
    expect((await storeSharedRun(own.redis, sharedRunText(run()), "c:bob", Date.now(), bounds)).ok).toBe(true);

    const [t1, t2, t3] = [noisy(20), noisy(20), noisy(1)];
    const byBytes: StoreBounds = { ...STORE_BOUNDS, clientMaxBytes: sizeOf(t1) + sizeOf(t2) };
    expect((await storeSharedRun(own.redis, t1, "c:carol", Date.now(), byBytes)).ok).toBe(true);
    expect((await storeSharedRun(own.redis, t2, "c:carol", Date.now(), byBytes)).ok).toBe(true);
    expect(await storeSharedRun(own.redis, t3, "c:carol", Date.now(), byBytes)).toEqual({ ok: false, reason: "client_full" });
  });

  it("evicts the oldest runs, whoever shared them, to stay within the global budget", async () => {
    const texts = Array.from({ length: 6 }, () => noisy(16));
    const each = Math.max(...texts.map(sizeOf));
    const bounds: StoreBounds = { ...STORE_BOUNDS, budgetBytes: each * 4 };
    const ids: string[] = [];
    let now = Date.now();
    for (const [i, t] of texts.entries()) {
      const s = await storeSharedRun(own.redis, t, `c:learner${i % 2}`, (now += 10), bounds);
      if (!s.ok) throw new Error(s.reason);
      ids.push(s.id);
      expect(await storedBytes(own.redis)).toBeLessThanOrEqual(bounds.budgetBytes);
    }
    const kept = await Promise.all(ids.map(async (id) => (await loadSharedRun(own.redis, id)) !== null));
    expect(kept).toEqual([false, false, true, true, true, true]);
    expect(await own.redis.zcard(SHARED_KEYS.order)).toBe(4);
    // Evicted runs no longer count against their clients.
    expect(await own.redis.hmget(SHARED_KEYS.clientRuns, "c:learner0", "c:learner1")).toEqual(["2", "2"]);
  });

  it("forgets expired runs in its accounting on the next share", async () => {
    const bounds: StoreBounds = { ...STORE_BOUNDS, ttlMs: 1000, clientMaxRuns: 1 };
    const first = await storeSharedRun(own.redis, sharedRunText(run()), "c:alice", 1_000_000, bounds);
    expect(first.ok).toBe(true);
    expect(await storeSharedRun(own.redis, sharedRunText(run()), "c:alice", 1_000_500, bounds)).toEqual({ ok: false, reason: "client_full" });
    // Past its 24 h (here: 1 s), the old run frees the client's share and the store's bytes.
    const later = await storeSharedRun(own.redis, sharedRunText(run(["x"])), "c:alice", 1_002_000, bounds);
    if (!later.ok) throw new Error(later.reason);
    expect(await storedBytes(own.redis)).toBe(later.bytes);
    expect(await own.redis.zcard(SHARED_KEYS.order)).toBe(1);
  });

  it("counts at least what Redis spends on it (INFO used_memory)", async () => {
    const used = async () => Number(/used_memory:(\d+)/.exec(await own.redis.info("memory"))![1]);
    await storeSharedRun(own.redis, noisy(2), "c:warmup");
    await own.redis.flushall();
    const before = await used();
    let accounted = 0;
    for (let i = 0; i < 60; i++) {
      const s = await storeSharedRun(own.redis, i % 3 === 0 ? noisy(8) : sharedRunText(run([`small ${i}`])), `c:client${i % 7}`);
      if (s.ok) accounted += s.bytes;
    }
    const grown = (await used()) - before;
    expect(accounted).toBe(await storedBytes(own.redis));
    expect(grown).toBeGreaterThan(0);
    expect(grown).toBeLessThanOrEqual(accounted);
  });
});

describe("the janitor and the orphan sweeper", () => {
  it("leave the shared-run store alone", async () => {
    const s = await storeSharedRun(own.redis, sharedRunText(run()), "c:alice");
    if (!s.ok) throw new Error(s.reason);
    const keysBefore = (await own.redis.keys("*")).sort();
    expect(keysBefore).toContain(sharedRunKey(s.id));
    await sweepExpiredRuns(own.redis, Date.now() + 10 * SHARED_RUN_TTL_MS);
    await new OrphanSweeper(own.redis).sweep();
    expect((await own.redis.keys("*")).sort()).toEqual(keysBefore);
    expect(await loadSharedRun(own.redis, s.id)).not.toBeNull();
  });
});
