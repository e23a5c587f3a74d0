// The guest meter counts the CPU a guest used, not the wall time it took: on a busy machine a
// program must be stopped for its own work, never for the time the scheduler gave to others.
// Real QuickJS; the "busy machine" is a slice that sleeps (Atomics.wait: wall time, no CPU).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuickJSContext, QuickJSRuntime } from "quickjs-emscripten-core";
import { GuestMeter } from "./meter";
import { newInstance } from "./wasm";
import { threadCpuMs } from "./thread-cpu";

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const spin = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

let rt: QuickJSRuntime;
let vm: QuickJSContext;
beforeAll(async () => {
  rt = (await newInstance()).newRuntime();
  vm = rt.newContext();
});
afterAll(() => {
  vm.dispose();
  rt.dispose();
});

const meter = (cpuMs: number) => {
  const m = new GuestMeter(rt, vm);
  m.limitTo({ cpuMs, memoryBytes: 64 * 1024 * 1024 });
  return m;
};

/** Runs until this thread has had `ms` of CPU, however long that takes on a busy machine. */
const burn = (ms: number) => {
  const end = threadCpuMs()! + ms;
  while (threadCpuMs()! < end) spin(1);
};

describe("the guest meter, on Linux's per-thread CPU clock", () => {
  it("has the clock (the playground's hosts are Linux)", () => {
    expect(threadCpuMs()).toBeGreaterThan(0);
  });

  it("a slice that waits 300 ms without running is not over a 250 ms CPU limit", () => {
    const m = meter(250);
    const exceeded = m.metered(() => {
      sleep(300);
      return m.cpuExceeded();
    });
    expect(exceeded).toBe(false);
    expect(m.cpuMs).toBeLessThan(50);
    // But it held the thread all that time: the time other runs on it are not charged for.
    expect(m.heldMs).toBeGreaterThanOrEqual(299);
  });

  it("a slice that really runs is charged what it ran, and stopped at the limit", () => {
    const m = meter(60);
    const seen: boolean[] = [];
    const t0 = performance.now();
    m.metered(() => {
      burn(30);
      seen.push(m.cpuExceeded());
      burn(40);
      seen.push(m.cpuExceeded());
    });
    expect(seen).toEqual([false, true]);
    expect(m.cpuMs).toBeGreaterThanOrEqual(65); // 70 ms of CPU, less a scheduler tick at most
    expect(m.cpuMs).toBeLessThanOrEqual(performance.now() - t0);
  });

  it("short slices count their wall time, and add up across slices", () => {
    const m = meter(250);
    for (let i = 0; i < 10; i++) m.metered(() => spin(2));
    expect(m.cpuMs).toBeGreaterThanOrEqual(20);
    expect(m.cpuMs).toBeLessThan(60);
  });
});
