import { describe, expect, it } from "vitest";
import { ClientBudgets } from "./client-budget";

const bounds = { inFlight: 2, perMinute: 5, cpuBurstMs: 100, cpuPerSecondMs: 10 };

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

  it("a client whose runs used up its CPU share waits until the bucket refills", () => {
    const b = new ClientBudgets(bounds);
    expect(b.enter("a", 0).ok).toBe(true);
    b.leave("a");
    b.chargeCpu("a", 0, 150); // 100 ms burst - 150 ms used = 50 ms in debt
    expect(b.enter("a", 0)).toEqual({ ok: false, reason: "cpu", retryAfterMs: 5000, bound: 100 });
    expect(b.enter("b", 0).ok).toBe(true);
    expect(b.enter("a", 5000).ok).toBe(true);
  });

  it("a client past half its CPU share may have one run in flight only", () => {
    const b = new ClientBudgets(bounds);
    b.chargeCpu("a", 0, 60); // 40 ms left of 100
    expect(b.enter("a", 0).ok).toBe(true);
    expect(b.enter("a", 0)).toMatchObject({ ok: false, reason: "cpu" });
    b.leave("a");
    expect(b.enter("a", 0).ok).toBe(true);
    // Refilled past half (10 ms/s): two at once again.
    b.leave("a");
    expect(b.enter("a", 1000).ok).toBe(true);
    expect(b.enter("a", 1000).ok).toBe(true);
  });
});
