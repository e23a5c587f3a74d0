import { describe, expect, it } from "vitest";
import { transpile } from "../runner/transpile";
import type { Unit } from "../lessons/types";
import type { CommandEvent, Trace, TraceEvent } from "../trace";
import { crowdExpected, crowdProgram, MAX_CROWD } from "./crowd";
import { appendEvents, emptyTrace, inferClients, runPhase } from "./live-trace";
import { buildRaceRun } from "./plan";
import { measureSchema, raceControlSchema, startRaceSchema } from "./schema";
import { clientOrder, crowdStats } from "./stats";

let seq = 0;
const cmd = (client: string, name: string, args: (string | number)[], extra: Partial<CommandEvent> = {}): CommandEvent => ({
  kind: "command", seq: ++seq, at: seq, client, name, args, line: 1, queued: false, reply: "OK", ...extra,
});
/** One WATCH/GET/MULTI/SET/EXEC attempt of `client` that commits or aborts. */
const attempt = (client: string, ok: boolean): CommandEvent[] => [
  cmd(client, "WATCH", ["counter"]),
  cmd(client, "GET", ["counter"], { reply: "0" }),
  cmd(client, "MULTI", []),
  cmd(client, "SET", ["counter", 1], { queued: true, reply: "QUEUED" }),
  cmd(client, "EXEC", [], ok ? { outcome: "committed", reply: [[null, "OK"]] } : { outcome: "aborted", reply: null }),
];
const trace = (events: TraceEvent[], clients = inferClients(events)): Trace => ({ version: 1, clients, events, truncated: false });

describe("crowd program", () => {
  it("is K flows on their own duplicate() connections, run with Promise.all, and transpiles", () => {
    const src = crowdProgram({ clients: 7, key: "counter", increment: 3 });
    expect(src).toContain("const CLIENTS = 7;");
    expect(src).toContain("redis.duplicate()");
    expect(src).toMatch(/await conn\.watch\(KEY\)[\s\S]*conn\.multi\(\)\.set\(KEY, current \+ INCREMENT\)\.exec\(\)/);
    expect(src).toContain("Promise.all(Array.from({ length: CLIENTS }");
    expect(transpile(src).ok).toBe(true);
    expect(crowdExpected({ clients: 7, increment: 3 })).toBe(21);
  });

  it("the atomic variant uses one INCRBY and no WATCH", () => {
    const src = crowdProgram({ clients: 3, key: "k", increment: 1, atomic: true });
    expect(src).toContain("await conn.incrby(KEY, INCREMENT)");
    expect(src).not.toContain("watch(");
  });

  it("refuses a crowd beyond the bound and quotes the key safely", () => {
    expect(() => crowdProgram({ clients: MAX_CROWD + 1, key: "k", increment: 1 })).toThrow(RangeError);
    expect(() => crowdProgram({ clients: 0, key: "k", increment: 1 })).toThrow(RangeError);
    expect(crowdProgram({ clients: 1, key: 'a"b', increment: 1 })).toContain('const KEY = "a\\"b";');
  });
});

describe("attempts per client from a trace", () => {
  it("counts WATCH..EXEC attempts and commits per program client, in lane order, ignoring the plan client", () => {
    seq = 0;
    const events = [
      ...attempt("B", false), ...attempt("C", true), ...attempt("B", false), ...attempt("B", true),
      { kind: "interference", seq: ++seq, at: seq, text: "D sends INCRBY counter 1 (staged)" } as TraceEvent,
      cmd("D", "INCRBY", ["counter", 1], { reply: 2, line: null }),
      cmd("A", "GET", ["counter"], { reply: "2" }),
    ];
    const s = crowdStats(trace(events));
    expect(s.clients).toEqual([
      { client: "B", attempts: 3, commits: 1 },
      { client: "C", attempts: 1, commits: 1 },
    ]);
    expect(s).toMatchObject({ totalAttempts: 4, commits: 2, attemptsPerCommit: 2, maxAttempts: 3 });
  });

  it("an atomic client's plain write counts as one attempt that committed", () => {
    seq = 0;
    const s = crowdStats(trace([cmd("B", "INCRBY", ["counter", 1], { reply: 1 }), cmd("C", "INCRBY", ["counter", 1], { reply: 2 }), cmd("B", "QUIT", [])]));
    expect(s).toMatchObject({ totalAttempts: 2, commits: 2, attemptsPerCommit: 1 });
  });

  it("orders clients the way the recorder names them (A..Z, then A1..)", () => {
    expect(["A1", "B", "Z", "A"].sort((a, b) => clientOrder(a) - clientOrder(b))).toEqual(["A", "B", "Z", "A1"]);
  });
});

describe("live trace from streamed events", () => {
  it("merges out-of-order and repeated events by seq, and infers the plan client from interference text", () => {
    seq = 0;
    const [w, g, m] = [cmd("A", "WATCH", ["k"]), cmd("A", "GET", ["k"]), cmd("A", "MULTI", [])];
    const note: TraceEvent = { kind: "interference", seq: ++seq, at: seq, text: "B sends INCRBY k 7 (the presenter's write)" };
    const b = cmd("B", "INCRBY", ["k", 7], { line: null });
    let t = appendEvents(emptyTrace(), [g!, w!]);
    t = appendEvents(t, [w!, m!, b, note]);
    expect(t.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(t.clients.map((c) => [c.id, c.origin])).toEqual([["A", "program"], ["B", "plan"]]);
    // The stored result's clients replace the inferred ones.
    const real = [{ id: "A", label: "new Redis() on line 3", origin: "program" as const }, { id: "B", label: "other client (instructor)", origin: "plan" as const }];
    expect(appendEvents(t, [], real).clients).toEqual(real);
  });

  it("a step run names its other client before it writes: a lane, with its letter, from the first event", () => {
    seq = 0;
    const note: TraceEvent = { kind: "interference", seq: ++seq, at: 0, text: "A is the other client: it writes when the presenter says so." };
    const pause: TraceEvent = { kind: "pause", seq: ++seq, at: 1, client: "B", name: "WATCH", args: ["k"], line: 5 };
    expect(appendEvents(emptyTrace(), [note, pause]).clients.map((c) => [c.id, c.origin])).toEqual([["A", "plan"], ["B", "program"]]);
  });

  it("knows when the run is paused before a command, running, or ended", () => {
    seq = 0;
    const pause: TraceEvent = { kind: "pause", seq: ++seq, at: 1, client: "A", name: "GET", args: ["k"], line: 4 };
    let t = appendEvents(emptyTrace(), [pause]);
    expect(runPhase(t)).toMatchObject({ kind: "paused", name: "GET", line: 4 });
    // B's injected write while A waits keeps A paused.
    t = appendEvents(t, [{ kind: "interference", seq: ++seq, at: 2, text: "B sends SET k 1 (x)" }, cmd("B", "SET", ["k", 1])]);
    expect(runPhase(t).kind).toBe("paused");
    t = appendEvents(t, [cmd("A", "GET", ["k"])]);
    expect(runPhase(t).kind).toBe("running");
    t = appendEvents(t, [{ kind: "end", seq: ++seq, at: 9, status: "timeout", message: "Nobody stepped this run" }]);
    expect(runPhase(t)).toEqual({ kind: "ended", status: "timeout", message: "Nobody stepped this run" });
    expect(runPhase(emptyTrace()).kind).toBe("waiting");
  });
});

describe("race request validation and the engine request", () => {
  const unit = { slug: "watch-basics", order: 1, title: "WATCH", setup: [["SET", "balance:1", "100"]], inspectKeys: ["balance:1"], starter: "starter", solution: undefined } as unknown as Unit;
  const find = (s: string) => (s === unit.slug ? unit : undefined);
  const opponent = { op: "INCRBY", key: "balance:1", value: 10 };

  it("accepts each mode with its bounds and fills defaults", () => {
    expect(startRaceSchema.parse({ mode: "step", unit: "watch-basics", opponent })).toMatchObject({ idleSeconds: 300 });
    expect(startRaceSchema.parse({ mode: "crowd", clients: 50 })).toMatchObject({ key: "counter", increment: 1, atomic: false });
    expect(startRaceSchema.safeParse({ mode: "crowd", clients: 51 }).success).toBe(false);
    expect(startRaceSchema.safeParse({ mode: "live", unit: "watch-basics", opponent, times: 5000, everyMs: 1 }).success).toBe(false);
    expect(startRaceSchema.safeParse({ mode: "staged", unit: "watch-basics", opponent, attempts: [] }).success).toBe(false);
    expect(startRaceSchema.safeParse({ mode: "step", unit: "watch-basics", opponent: { op: "DEL", key: "x", value: 1 } }).success).toBe(false);
    expect(startRaceSchema.safeParse({ mode: "step", unit: "watch-basics", opponent: { ...opponent, key: "a b" } }).success).toBe(false);
    expect(startRaceSchema.safeParse({ mode: "step", unit: "watch-basics", opponent, extra: 1 }).success).toBe(false);
    expect(raceControlSchema.safeParse({ type: "inject", write: { name: "FLUSHALL", args: [] } }).success).toBe(false);
    expect(measureSchema.safeParse({ clients: 0 }).success).toBe(false);
  });

  it("step mode: the unit's setup, a step plan with the idle timeout, the long wall limit", () => {
    const r = buildRaceRun(startRaceSchema.parse({ mode: "step", unit: "watch-basics", opponent, idleSeconds: 30 }), find);
    expect(r.ok && r.request).toMatchObject({ source: "starter", setup: unit.setup, plan: { kind: "step", idleTimeoutMs: 30_000 }, limits: { wallMs: 900_000 } });
  });

  it("staged and live modes carry B's write; B's key is inspected too", () => {
    const staged = buildRaceRun(startRaceSchema.parse({ mode: "staged", unit: "watch-basics", source: "code", opponent: { op: "SET", key: "other", value: 5 }, attempts: [2, 1, 2] }), find);
    expect(staged.ok && staged.request.plan).toEqual({ kind: "conflict", attempts: [1, 2], write: { name: "SET", args: ["other", 5] } });
    expect(staged.ok && staged.request.source).toBe("code");
    expect(staged.ok && staged.inspectKeys).toEqual(["balance:1", "other"]);
    const live = buildRaceRun(startRaceSchema.parse({ mode: "live", unit: "watch-basics", opponent, times: 20, everyMs: 2 }), find);
    expect(live.ok && live.request.plan).toEqual({ kind: "writer", write: { name: "INCRBY", args: ["balance:1", 10] }, times: 20, everyMs: 2 });
  });

  it("crowd mode: generated program, key reset to 0, enough connections for K clients", () => {
    const r = buildRaceRun(startRaceSchema.parse({ mode: "crowd", clients: 50 }), find);
    expect(r.ok && r.request).toMatchObject({ setup: [["SET", "counter", "0"]], inspectKeys: ["counter"], limits: { connections: 52 } });
    expect(r.ok && r.request.source).toContain("const CLIENTS = 50;");
  });

  it("an unknown unit is a clear error", () => {
    expect(buildRaceRun(startRaceSchema.parse({ mode: "step", unit: "nope", opponent }), find)).toEqual({ ok: false, message: expect.stringMatching(/does not exist/) });
  });
});
