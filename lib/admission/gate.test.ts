import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AdmissionGate, type Admitted } from "./gate";

/** Asks for slots and records, in order, which request got one. */
function recorder(gate: AdmissionGate) {
  const order: string[] = [];
  const granted = new Map<string, () => void>();
  const results = new Map<string, Admitted>();
  const ask = (name: string) =>
    gate.admit(name.split(":")[0]!).then((a) => {
      results.set(name, a);
      if (a.ok) {
        order.push(name);
        granted.set(name, a.release);
      }
      return a;
    });
  const settle = () => vi.advanceTimersByTimeAsync(0);
  return { order, granted, results, ask, settle };
}

describe("the admission gate", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("lets `slots` runs in and hands each freed slot to the next client in turn", async () => {
    const gate = new AdmissionGate({ slots: 2, queueCapacity: 10, maxWaitMs: 60_000 });
    const r = recorder(gate);
    for (const name of ["burst:1", "burst:2", "burst:3", "burst:4", "burst:5", "alice:1", "bob:1", "alice:2"]) void r.ask(name);
    await r.settle();
    expect(r.order).toEqual(["burst:1", "burst:2"]);
    expect(gate.running).toBe(2);
    expect(gate.waiting).toBe(6);
    while (r.order.length < 8) {
      r.granted.get(r.order[r.order.length - 2]!)!();
      await r.settle();
    }
    // burst's lane was first in line; after each item served its client goes to the back.
    expect(r.order).toEqual(["burst:1", "burst:2", "burst:3", "alice:1", "bob:1", "burst:4", "alice:2", "burst:5"]);
  });

  it("refuses at once when the queue is full", async () => {
    const gate = new AdmissionGate({ slots: 1, queueCapacity: 2, maxWaitMs: 60_000 });
    const r = recorder(gate);
    for (const name of ["a:1", "b:1", "c:1", "d:1"]) void r.ask(name);
    await r.settle();
    expect(r.results.get("d:1")).toEqual({ ok: false, queueMs: 0 });
    expect(r.results.has("b:1")).toBe(false); // still waiting
    expect(gate.waiting).toBe(2);
    expect(gate.refused).toBe(1);
  });

  it("a run that waited its bound is refused and leaves the queue", async () => {
    const gate = new AdmissionGate({ slots: 1, queueCapacity: 10, maxWaitMs: 1000 });
    const r = recorder(gate);
    void r.ask("a:1");
    void r.ask("b:1");
    await vi.advanceTimersByTimeAsync(999);
    expect(r.results.has("b:1")).toBe(false);
    expect(gate.refused).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(r.results.get("b:1")?.ok).toBe(false);
    expect(gate.refused).toBe(1);
    expect(gate.waiting).toBe(0);
    r.granted.get("a:1")!();
    expect(gate.running).toBe(0);
  });

  it("an unbounded run (our own callers) waits past the bound until a slot frees", async () => {
    const gate = new AdmissionGate({ slots: 1, queueCapacity: 10, maxWaitMs: 1000 });
    const r = recorder(gate);
    void r.ask("a:1");
    const late = gate.admit("local", false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(gate.waiting).toBe(1);
    r.granted.get("a:1")!();
    expect((await late).ok).toBe(true);
  });

  it("refuses at once when, at the pace runs finish, the wait would exceed its bound", async () => {
    const gate = new AdmissionGate({ slots: 1, queueCapacity: 100, maxWaitMs: 1000 });
    const r = recorder(gate);
    // One run held its slot 400 ms: the queue moves at 400 ms a run.
    void r.ask("x:0");
    await r.settle();
    await vi.advanceTimersByTimeAsync(400);
    r.granted.get("x:0")!();
    void r.ask("x:1");
    void r.ask("x:2");
    void r.ask("x:3");
    await r.settle();
    // x:1 runs; x:2 and x:3 wait, so a new x run would start after 800 ms: it may queue...
    expect(gate.expectedWaitMs("x")).toBe(800);
    void r.ask("x:4");
    // ...but the next one would start after 1200 ms: refused now rather than after waiting.
    void r.ask("x:5");
    await r.settle();
    expect(r.results.has("x:4")).toBe(false);
    expect(r.results.get("x:5")).toEqual({ ok: false, queueMs: 0 });
    // Another client is served after one of x's: its wait is short, so it queues.
    expect(gate.expectedWaitMs("y")).toBe(400);
    void r.ask("y:1");
    await r.settle();
    expect(r.results.has("y:1")).toBe(false);
    expect(gate.waiting).toBe(4);
  });

  it("releasing twice frees one slot only", async () => {
    const gate = new AdmissionGate({ slots: 1, queueCapacity: 10, maxWaitMs: 60_000 });
    const r = recorder(gate);
    void r.ask("a:1");
    void r.ask("b:1");
    void r.ask("c:1");
    await r.settle();
    const release = r.granted.get("a:1")!;
    release();
    release();
    await r.settle();
    expect(r.order).toEqual(["a:1", "b:1"]);
    expect(gate.running).toBe(1);
  });
});
