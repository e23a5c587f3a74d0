// The race lab's bounds: runs per instance and per client (counted in Redis), SSE per instance and per client.
import { afterAll, describe, expect, it } from "vitest";
import Redis from "ioredis";
import {
  activeRuns,
  MAX_RUNS_PER_CLIENT,
  MAX_RUNS_PER_INSTANCE,
  MAX_VIEWERS_PER_CLIENT,
  MAX_VIEWERS_PER_INSTANCE,
  openViewer,
  openViewers,
  releaseRun,
  reserveRun,
} from "./server/admission";

const redis = new Redis(process.env.REDIS_URL!);
afterAll(() => redis.disconnect());

const stamp = Date.now();

describe("admission", () => {
  it("refuses the run after the per-instance maximum, frees the slot at release, and forgets runs past their deadline", async () => {
    // Each run from its own client, so only the instance's bound applies.
    const ids = Array.from({ length: MAX_RUNS_PER_INSTANCE }, (_, i) => `adm-${i}-${stamp}`);
    for (const id of ids) expect((await reserveRun(redis, id, 60_000, `c:${id}`)).ok).toBe(true);
    expect(await reserveRun(redis, "adm-over", 60_000, "c:over")).toMatchObject({ ok: false, reason: "instance" });
    expect(await activeRuns(redis)).toBe(MAX_RUNS_PER_INSTANCE);
    await releaseRun(redis, ids[0]!, `c:${ids[0]}`);
    expect((await reserveRun(redis, "adm-short", 1, "c:short")).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    // The short one's deadline passed: as if its instance had died mid-run.
    expect((await reserveRun(redis, "adm-next", 60_000, "c:next")).ok).toBe(true);
    for (const id of ids) await releaseRun(redis, id, `c:${id}`);
    await releaseRun(redis, "adm-next", "c:next");
    expect(await activeRuns(redis)).toBe(0);
  });

  it("one client gets at most its own share of runs, and the others still start theirs", async () => {
    const greedy = `c:greedy-${stamp}`;
    const mine = Array.from({ length: MAX_RUNS_PER_CLIENT }, (_, i) => `greedy-${i}-${stamp}`);
    for (const id of mine) expect((await reserveRun(redis, id, 60_000, greedy)).ok).toBe(true);
    const over = await reserveRun(redis, `greedy-over-${stamp}`, 60_000, greedy);
    expect(over).toMatchObject({ ok: false, reason: "client" });
    expect(over.ok ? "" : over.message).toMatch(/You already have \d+ race-lab runs going\. Stop one/);
    // The refused run holds no slot anywhere.
    expect(await activeRuns(redis, greedy)).toBe(MAX_RUNS_PER_CLIENT);
    expect(await activeRuns(redis)).toBe(MAX_RUNS_PER_CLIENT);
    expect((await reserveRun(redis, `other-${stamp}`, 60_000, `c:other-${stamp}`)).ok).toBe(true);
    await releaseRun(redis, mine[0]!, greedy);
    expect((await reserveRun(redis, `greedy-again-${stamp}`, 60_000, greedy)).ok).toBe(true);
    for (const id of [...mine, `greedy-again-${stamp}`]) await releaseRun(redis, id, greedy);
    await releaseRun(redis, `other-${stamp}`, `c:other-${stamp}`);
    expect(await activeRuns(redis)).toBe(0);
  });

  it("counts SSE viewers and releases each slot once", () => {
    const before = openViewers();
    const a = openViewer("c:a");
    const b = openViewer("c:a");
    const other = openViewer("c:b");
    if (!a.ok || !b.ok || !other.ok) throw new Error("three viewers must fit");
    expect([openViewers(), openViewers("c:a"), openViewers("c:b")]).toEqual([before + 3, 2, 1]);
    a.release();
    // A second release of the same slot (a stream closed twice) frees nothing more.
    a.release();
    expect([openViewers(), openViewers("c:a"), openViewers("c:b")]).toEqual([before + 2, 1, 1]);
    b.release();
    b.release();
    expect([openViewers(), openViewers("c:a"), openViewers("c:b")]).toEqual([before + 1, 0, 1]);
    other.release();
    expect(openViewers()).toBe(before);
  });

  it("one client cannot take the audience's SSE slots: its own bound comes first, others still get in", () => {
    const held: (() => void)[] = [];
    for (let i = 0; i < MAX_VIEWERS_PER_CLIENT; i++) {
      const s = openViewer("c:hog");
      if (!s.ok) throw new Error(`viewer ${i} refused: ${s.message}`);
      held.push(s.release);
    }
    const over = openViewer("c:hog");
    expect(over.ok).toBe(false);
    expect(over.ok ? "" : over.message).toMatch(/This browser already has \d+ race runs open live\. Close some/);
    // Everybody else can still fill the instance up to its own bound.
    for (let i = 0; held.length < MAX_VIEWERS_PER_INSTANCE; i++) {
      const s = openViewer(`c:audience-${i}`);
      if (!s.ok) throw new Error(`audience viewer ${i} refused: ${s.message}`);
      held.push(s.release);
    }
    const full = openViewer("c:late");
    expect(full.ok ? "" : full.message).toMatch(/Too many people are watching/);
    for (const r of held) r();
    const again = openViewer("c:hog");
    expect(again.ok).toBe(true);
    if (again.ok) again.release();
  });
});
