// The shared-run store against a redis-server of its own: the bounds are about this store's
// bytes and Redis's memory, which other test files on a shared server would blur.
import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startLocalRedis } from "../../scripts/redis-server.mjs";
import { sweepExpiredRuns } from "../redis/janitor";
import { OrphanSweeper } from "../redis/orphans";
import { accountedBytes, SHARED_RUN_TTL_MS } from "./budget";
import { compress } from "./codec";
import { SHARED_KEYS, sharedRunKey } from "./keys";
import { SHARED_RUN_ID_PATTERN } from "./share-types";
import { sharedRunText, type SharedRun } from "./shared-run";
import { loadSharedRun, STORE_BOUNDS, storedBytes, storeSharedRun, type StoreBounds } from "./store";

let server: Awaited<ReturnType<typeof startLocalRedis>>;
let redis: Redis;

beforeAll(async () => {
  server = await startLocalRedis({ log: () => {} });
  redis = new Redis(server.url);
});
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});
beforeEach(async () => {
  await redis.flushall();
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
    const stored = await storeSharedRun(redis, text, "c:alice");
    if (!stored.ok) throw new Error(stored.reason);
    expect(stored.id).toMatch(SHARED_RUN_ID_PATTERN);
    const other = new Redis(server.url);
    const loaded = await loadSharedRun(other, stored.id);
    other.disconnect();
    expect(loaded?.run).toEqual(run());
    expect(loaded!.expiresAt - Date.now()).toBeGreaterThan(SHARED_RUN_TTL_MS - 60_000);
    expect(await redis.pttl(sharedRunKey(stored.id))).toBeGreaterThan(SHARED_RUN_TTL_MS - 60_000);
    expect((await redis.getBuffer(sharedRunKey(stored.id)))!.byteLength).toBeLessThan(text.length);
    expect(await storedBytes(redis)).toBe(stored.bytes);
    // Two shares of one run are two ids.
    const again = await storeSharedRun(redis, text, "c:alice");
    expect(again.ok && again.id !== stored.id).toBe(true);
  });

  it("reads an unknown, malformed or expired id as gone", async () => {
    expect(await loadSharedRun(redis, "A".repeat(24))).toBeNull();
    expect(await loadSharedRun(redis, "../../etc")).toBeNull();
    const stored = await storeSharedRun(redis, sharedRunText(run()), "c:alice", Date.now(), { ...STORE_BOUNDS, ttlMs: 50 });
    expect(stored.ok).toBe(true);
    await new Promise((r) => setTimeout(r, 120));
    expect(await loadSharedRun(redis, stored.ok ? stored.id : "")).toBeNull();
  });
});

describe("the store's bounds", () => {
  it("refuses a run larger than one record may be", async () => {
    // Hex compresses about twofold: 700 KB of it is ~350 KB stored, over the 256 KB a record may be.
    const big = noisy(700);
    expect(await storeSharedRun(redis, big, "c:alice")).toEqual({ ok: false, reason: "too_large" });
    expect(await redis.dbsize()).toBe(0);
  });

  it("caps each client, by count and by bytes, without touching the others", async () => {
    const bounds: StoreBounds = { ...STORE_BOUNDS, clientMaxRuns: 3 };
    for (let i = 0; i < 3; i++) expect((await storeSharedRun(redis, sharedRunText(run([`run ${i}`])), "c:alice", Date.now(), bounds)).ok).toBe(true);
    expect(await storeSharedRun(redis, sharedRunText(run()), "c:alice", Date.now(), bounds)).toEqual({ ok: false, reason: "client_full" });
    expect((await storeSharedRun(redis, sharedRunText(run()), "c:bob", Date.now(), bounds)).ok).toBe(true);

    const [t1, t2, t3] = [noisy(20), noisy(20), noisy(1)];
    const byBytes: StoreBounds = { ...STORE_BOUNDS, clientMaxBytes: sizeOf(t1) + sizeOf(t2) };
    expect((await storeSharedRun(redis, t1, "c:carol", Date.now(), byBytes)).ok).toBe(true);
    expect((await storeSharedRun(redis, t2, "c:carol", Date.now(), byBytes)).ok).toBe(true);
    expect(await storeSharedRun(redis, t3, "c:carol", Date.now(), byBytes)).toEqual({ ok: false, reason: "client_full" });
  });

  it("evicts the oldest runs, whoever shared them, to stay within the global budget", async () => {
    const texts = Array.from({ length: 6 }, () => noisy(16));
    const each = Math.max(...texts.map(sizeOf));
    const bounds: StoreBounds = { ...STORE_BOUNDS, budgetBytes: each * 4 };
    const ids: string[] = [];
    let now = Date.now();
    for (const [i, t] of texts.entries()) {
      const s = await storeSharedRun(redis, t, `c:learner${i % 2}`, (now += 10), bounds);
      if (!s.ok) throw new Error(s.reason);
      ids.push(s.id);
      expect(await storedBytes(redis)).toBeLessThanOrEqual(bounds.budgetBytes);
    }
    const kept = await Promise.all(ids.map(async (id) => (await loadSharedRun(redis, id)) !== null));
    expect(kept).toEqual([false, false, true, true, true, true]);
    expect(await redis.zcard(SHARED_KEYS.order)).toBe(4);
    // Evicted runs no longer count against their clients.
    expect(await redis.hmget(SHARED_KEYS.clientRuns, "c:learner0", "c:learner1")).toEqual(["2", "2"]);
  });

  it("forgets expired runs in its accounting on the next share", async () => {
    const bounds: StoreBounds = { ...STORE_BOUNDS, ttlMs: 1000, clientMaxRuns: 1 };
    const first = await storeSharedRun(redis, sharedRunText(run()), "c:alice", 1_000_000, bounds);
    expect(first.ok).toBe(true);
    expect(await storeSharedRun(redis, sharedRunText(run()), "c:alice", 1_000_500, bounds)).toEqual({ ok: false, reason: "client_full" });
    // Past its 24 h (here: 1 s), the old run frees the client's share and the store's bytes.
    const later = await storeSharedRun(redis, sharedRunText(run(["x"])), "c:alice", 1_002_000, bounds);
    if (!later.ok) throw new Error(later.reason);
    expect(await storedBytes(redis)).toBe(later.bytes);
    expect(await redis.zcard(SHARED_KEYS.order)).toBe(1);
  });

  it("counts at least what Redis spends on it (INFO used_memory)", async () => {
    const used = async () => Number(/used_memory:(\d+)/.exec(await redis.info("memory"))![1]);
    await storeSharedRun(redis, noisy(2), "c:warmup");
    await redis.flushall();
    const before = await used();
    let accounted = 0;
    for (let i = 0; i < 60; i++) {
      const s = await storeSharedRun(redis, i % 3 === 0 ? noisy(8) : sharedRunText(run([`small ${i}`])), `c:client${i % 7}`);
      if (s.ok) accounted += s.bytes;
    }
    const grown = (await used()) - before;
    expect(accounted).toBe(await storedBytes(redis));
    expect(grown).toBeGreaterThan(0);
    expect(grown).toBeLessThanOrEqual(accounted);
  });
});

describe("the janitor and the orphan sweeper", () => {
  it("leave the shared-run store alone", async () => {
    const s = await storeSharedRun(redis, sharedRunText(run()), "c:alice");
    if (!s.ok) throw new Error(s.reason);
    const keysBefore = (await redis.keys("*")).sort();
    expect(keysBefore).toContain(sharedRunKey(s.id));
    await sweepExpiredRuns(redis, Date.now() + 10 * SHARED_RUN_TTL_MS);
    await new OrphanSweeper(redis).sweep();
    expect((await redis.keys("*")).sort()).toEqual(keysBefore);
    expect(await loadSharedRun(redis, s.id)).not.toBeNull();
  });
});
