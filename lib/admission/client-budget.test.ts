import { describe, expect, it } from "vitest";
import { ClientBudgets } from "./client-budget";

const bounds = { inFlight: 2, perMinute: 5, cpuBurstMs: 100, cpuPerSecondMs: 10, cpuReserveMs: 40, cpuFloorMs: 20 };

describe("per-client budgets", () => {
  it("bounds units in flight per client, independently of other clients", () => {
    const b = new ClientBudgets(bounds);
    expect(b.enter("a", 0).ok).toBe(true);
    expect(b.enter("a", 0).ok).toBe(true);
    expect(b.enter("a", 0)).toMatchObject({ ok: false, reason: "in_flight", bound: 2 });
    expect(b.enter("b", 0).ok).toBe(true);
    b.leave("a", 40);
    expect(b.enter("a", 0).ok).toBe(true);
  });

  it("bounds runs per rolling minute and says when enough of the window has passed", () => {
    const b = new ClientBudgets(bounds);
    for (const t of [0, 10_000, 20_000, 30_000, 40_000]) {
      expect(b.enter("a", t).ok).toBe(true);
      b.leave("a", 40);
    }
    expect(b.enter("a", 50_000)).toEqual({ ok: false, reason: "per_minute", retryAfterMs: 10_000, bound: 5 });
    // A unit of 3 runs needs the three oldest starts to expire.
    expect(b.enter("a", 50_000, 3)).toMatchObject({ reason: "per_minute", retryAfterMs: 30_000 });
    expect(b.enter("a", 60_000).ok).toBe(true);
  });

  it("a unit of several runs (a Check) is one in flight but counts all its runs per minute", () => {
    const b = new ClientBudgets(bounds);
    expect(b.enter("a", 0, 4).ok).toBe(true);
    expect(b.enter("a", 0, 1).ok).toBe(true); // second unit in flight, fifth run this minute
    b.leave("a", 40);
    expect(b.enter("a", 0, 1)).toMatchObject({ ok: false, reason: "per_minute" });
  });

  it("a client whose runs used up its CPU share waits until the bucket covers the floor again", () => {
    const b = new ClientBudgets(bounds);
    expect(b.enter("a", 0)).toEqual({ ok: true, cpuGrantMs: 40 });
    b.leave("a", 40);
    b.chargeCpu("a", 0, 150); // 100 ms burst - 150 ms used = 50 ms in debt; the floor is 20 ms
    expect(b.enter("a", 0)).toEqual({ ok: false, reason: "cpu", retryAfterMs: 7000, bound: 100 });
    expect(b.enter("b", 0).ok).toBe(true);
    expect(b.enter("a", 6000).ok).toBe(false);
    // Back in, with only what has refilled as its CPU limit: a busy loop now stalls a thread 20 ms.
    expect(b.enter("a", 7000)).toEqual({ ok: true, cpuGrantMs: 20 });
  });

  it("units in flight together are never granted more CPU than the bucket has", () => {
    const b = new ClientBudgets({ ...bounds, inFlight: 10, cpuReserveMs: 50, cpuFloorMs: 25 });
    // 100 ms in the bucket, 50 ms a unit: two at once, not a third (nothing left beyond their grants).
    expect(b.enter("a", 0)).toEqual({ ok: true, cpuGrantMs: 50 });
    expect(b.enter("a", 0)).toEqual({ ok: true, cpuGrantMs: 50 });
    expect(b.enter("a", 0)).toMatchObject({ ok: false, reason: "in_flight", bound: 2, retryAfterMs: 2000 });
    b.leave("a", 50);
    b.chargeCpu("a", 0, 50); // the unit that ended burnt its whole grant: 50 ms left, all granted to the other
    expect(b.enter("a", 0)).toMatchObject({ ok: false, reason: "in_flight", bound: 1 });
    b.leave("a", 50);
    expect(b.enter("a", 0)).toEqual({ ok: true, cpuGrantMs: 50 }); // alone: the whole 50 ms
    b.leave("a", 50);
    b.chargeCpu("a", 0, 20); // 30 ms left: a grant of 30
    expect(b.enter("a", 0)).toEqual({ ok: true, cpuGrantMs: 30 });
    b.leave("a", 30);
    b.chargeCpu("a", 0, 10); // 20 ms left: under the floor
    expect(b.enter("a", 0)).toMatchObject({ ok: false, reason: "cpu" });
  });

  it("a grant handed back makes room for the next unit at once", () => {
    const b = new ClientBudgets({ ...bounds, cpuReserveMs: 60 });
    expect(b.enter("a", 0)).toEqual({ ok: true, cpuGrantMs: 60 });
    expect(b.enter("a", 0)).toEqual({ ok: true, cpuGrantMs: 40 }); // what is left beyond the first grant
    b.leave("a", 60); // used nothing
    b.leave("a", 40);
    expect(b.enter("a", 0)).toEqual({ ok: true, cpuGrantMs: 60 });
  });
});
