import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { STARVED_AFTER_MS, startWallCharge } from "./wall-charge";

describe("the charged wall clock", () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] }));
  afterEach(() => void vi.useRealTimers());

  it("ends a run that used its limit itself as a timeout", async () => {
    const expired: string[] = [];
    startWallCharge(1000, () => 0, (why) => expired.push(why));
    await vi.advanceTimersByTimeAsync(999);
    expect(expired).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(expired).toEqual(["timeout"]);
  });

  it("does not charge the time other runs' code held the thread: the remainder is re-armed", async () => {
    const expired: string[] = [];
    let others = 0;
    const clock = startWallCharge(1000, () => others, (why) => expired.push(why));
    others = 400; // a neighbour's busy loop ran 400 ms during this run
    await vi.advanceTimersByTimeAsync(1000);
    expect(expired).toEqual([]);
    await vi.advanceTimersByTimeAsync(399);
    expect(expired).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(expired).toEqual(["timeout"]);
    expect(clock.stop()).toBe(400);
  });

  it("a run that could never make progress ends as starved (busy), not as a timeout", async () => {
    const expired: string[] = [];
    const t0 = performance.now();
    startWallCharge(1000, () => performance.now() - t0, (why) => expired.push(why));
    await vi.advanceTimersByTimeAsync(1000 + STARVED_AFTER_MS - 1);
    expect(expired).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(expired).toEqual(["starved"]);
  });

  it("stopped, it never fires", async () => {
    const expired: string[] = [];
    startWallCharge(1000, () => 0, (why) => expired.push(why)).stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(expired).toEqual([]);
  });
});
