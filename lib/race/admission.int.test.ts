// The per-instance bound on race-lab runs, counted in Redis.
import { afterAll, describe, expect, it } from "vitest";
import Redis from "ioredis";
import { activeRuns, MAX_RUNS_PER_INSTANCE, openViewer, releaseRun, reserveRun } from "./server/admission";

const redis = new Redis(process.env.REDIS_URL!);
afterAll(() => redis.disconnect());

describe("admission", () => {
  it("refuses the run after the per-instance maximum, frees the slot at release, and forgets runs past their deadline", async () => {
    const ids = Array.from({ length: MAX_RUNS_PER_INSTANCE }, (_, i) => `adm-${i}-${Date.now()}`);
    for (const id of ids) expect(await reserveRun(redis, id, 60_000)).toBe(true);
    expect(await reserveRun(redis, "adm-over", 60_000)).toBe(false);
    expect(await activeRuns(redis)).toBe(MAX_RUNS_PER_INSTANCE);
    await releaseRun(redis, ids[0]!);
    expect(await reserveRun(redis, "adm-short", 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    // The short one's deadline passed: as if its instance had died mid-run.
    expect(await reserveRun(redis, "adm-next", 60_000)).toBe(true);
    for (const id of [...ids, "adm-next"]) await releaseRun(redis, id);
    expect(await activeRuns(redis)).toBe(0);
  });

  it("counts SSE viewers and releases each slot once", () => {
    const a = openViewer()!;
    const b = openViewer()!;
    a();
    a();
    b();
    expect(openViewer()).not.toBeNull();
  });
});
