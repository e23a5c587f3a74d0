import { describe, expect, it } from "vitest";
import { ClientBudgets } from "./client-budget";

const bounds = { inFlight: 2, perMinute: 5, cpuBurstMs: 100, cpuPerSecondMs: 10, cpuReserveMs: 40 };

describe("per-client budgets", () => {
  it("bounds units in flight per client, independently of other clients", () => {
    const b = new ClientBudgets(bounds);
    expect(b.enter("a", 0).ok).toBe(true);
    expect(b.enter("a", 0).ok).toBe(true);
    expect(b.enter("a", 0)).toMatchObject({ ok: false, reason: "in_flight", bound: 2 });
    expect(b.enter("b", 0).ok).toBe(true);
    b.leave("a");
    expect(b.enter("a", 0).ok).toBe(true);
  });

  it("bounds runs per rolling minute and says when enough of the window has passed", () => {
    const b = new ClientBudgets(bounds);
    for (const t of [0, 10_000, 20_000, 30_000, 40_000]) {
      expect(b.enter("a", t).ok).toBe(true);
      b.leave("a");
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
    b.leave("a");
    expect(b.enter("a", 0, 1)).toMatchObject({ ok: false, reason: "per_minute" });
  });

  it("a client whose runs used up its CPU share waits until the bucket covers half a run again", () => {
    const b = new ClientBudgets(bounds);
    expect(b.enter("a", 0).ok).toBe(true);
    b.leave("a");
    b.chargeCpu("a", 0, 150); // 100 ms burst - 150 ms used = 50 ms in debt; half a run is 20 ms
    expect(b.enter("a", 0)).toEqual({ ok: false, reason: "cpu", retryAfterMs: 7000, bound: 100 });
    expect(b.enter("b", 0).ok).toBe(true);
    expect(b.enter("a", 6000).ok).toBe(false);
    expect(b.enter("a", 7000).ok).toBe(true);
  });

  it("units in flight together never hold much more CPU than the bucket has", () => {
    const b = new ClientBudgets({ ...bounds, inFlight: 10, cpuReserveMs: 50 });
    // 100 ms in the bucket, 50 ms a unit: two at once (50 + 25 <= 100), not a third (100 + 25 > 100).
    expect(b.enter("a", 0).ok).toBe(true);
    expect(b.enter("a", 0).ok).toBe(true);
    expect(b.enter("a", 0)).toMatchObject({ ok: false, reason: "in_flight", bound: 2, retryAfterMs: 2000 });
    b.leave("a");
    b.chargeCpu("a", 0, 50); // the unit that ended burnt its whole limit: 50 ms left, one still running
    expect(b.enter("a", 0)).toMatchObject({ ok: false, reason: "in_flight", bound: 1 });
    b.leave("a");
    expect(b.enter("a", 0).ok).toBe(true); // alone: 25 <= 50
    b.leave("a");
    b.chargeCpu("a", 0, 30); // 20 ms left: not even half a run
    expect(b.enter("a", 0)).toMatchObject({ ok: false, reason: "cpu" });
  });
});
