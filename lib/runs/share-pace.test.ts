// The share pace against a real redis-server: the count is Redis's, so every instance sees it.
import Redis from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startLocalRedis } from "../../scripts/redis-server.mjs";
import { sharePaceKey } from "./keys";
import { SHARE_PACE, takeShareTurn } from "./share-pace";
import { shareTooOften } from "./share-messages";

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

const small = { perWindow: 3, windowMs: 400 };

describe("how often a client may share", () => {
  it("allows the window's shares, then refuses with the time left, and allows again after it", async () => {
    for (let i = 0; i < small.perWindow; i++) expect(await takeShareTurn(redis, "c:alice", small)).toEqual({ ok: true });
    const refused = await takeShareTurn(redis, "c:alice", small);
    if (refused.ok) throw new Error("the fourth share in the window was allowed");
    expect(refused.bound).toBe(small.perWindow);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(small.windowMs);
    await new Promise((r) => setTimeout(r, refused.retryAfterMs + 50));
    expect(await takeShareTurn(redis, "c:alice", small)).toEqual({ ok: true });
  });

  it("counts each client on its own, the same count from any connection (any instance)", async () => {
    const other = new Redis(server.url);
    try {
      for (let i = 0; i < small.perWindow; i++) await takeShareTurn(i % 2 ? other : redis, "c:alice", small);
      expect((await takeShareTurn(other, "c:alice", small)).ok).toBe(false);
      expect(await takeShareTurn(other, "c:bob", small)).toEqual({ ok: true });
    } finally {
      other.disconnect();
    }
  });

  it("keeps nothing once the window is over: the counter expires with it", async () => {
    await takeShareTurn(redis, "c:alice");
    const ttl = await redis.pttl(sharePaceKey("c:alice"));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(SHARE_PACE.windowMs);
    // Later shares in the window do not push its end out.
    await new Promise((r) => setTimeout(r, 30));
    await takeShareTurn(redis, "c:alice");
    expect(await redis.pttl(sharePaceKey("c:alice"))).toBeLessThan(ttl);
  });

  it("tells the learner when to try again, in plain words", () => {
    const text = shareTooOften(41_200, 10);
    expect(text).toContain("wait 42 s");
    expect(text).toContain("10 shares a minute");
    expect(text).not.toMatch(/pg:|\{|redis/i);
  });
});
