// Every fixture must follow lib/trace/types.ts exactly: the timeline, grader and race lab trust it.
import { describe, expect, it } from "vitest";
import { attempts, conflicts, describeEvent, retries, traceToText, watchedValues, watchErrors, type CommandEvent, type Trace, type TraceValue } from "./index";
import { bigRaceTrace, fixtures, recorded } from "./fixtures";

const COMMAND_KEYS = new Set(["seq", "at", "kind", "client", "name", "args", "reply", "error", "line", "queued", "durationMs", "outcome", "conflict", "conflictKey"]);
const OTHER_KEYS: Record<string, string[]> = {
  console: ["seq", "at", "kind", "level", "text", "line"],
  interference: ["seq", "at", "kind", "text"],
  pause: ["seq", "at", "kind", "client", "name", "args", "line"],
  end: ["seq", "at", "kind", "status", "message"],
};

/** ioredis' `[[err, result], ...]`: `[null, value]` per success, `[{ error }]` per failure. */
function isExecReply(reply: TraceValue | undefined): boolean {
  if (!Array.isArray(reply)) return false;
  return reply.every((item) => {
    if (!Array.isArray(item)) return false;
    if (item.length === 2 && item[0] === null) return true;
    const err = item[0];
    return item.length === 1 && typeof err === "object" && err !== null && !Array.isArray(err) && typeof err.error === "string";
  });
}

function checkContract(t: Trace): string[] {
  const problems: string[] = [];
  const ids = t.clients.map((c) => c.id);
  if (t.version !== 1) problems.push("version");
  t.clients.forEach((c, i) => {
    if (c.id !== String.fromCharCode(65 + i)) problems.push(`client ${i} id ${c.id}`);
    if (c.origin !== "program" && c.origin !== "plan") problems.push(`client ${c.id} origin`);
  });
  let lastAt = 0;
  t.events.forEach((e, i) => {
    const where = `event ${e.seq}`;
    if (e.seq !== i + 1) problems.push(`${where}: seq`);
    if (e.at < lastAt) problems.push(`${where}: time went back`);
    lastAt = e.at;
    if (e.kind === "command") {
      for (const k of Object.keys(e)) if (!COMMAND_KEYS.has(k)) problems.push(`${where}: extra ${k}`);
      if (!ids.includes(e.client)) problems.push(`${where}: unknown client`);
      if (e.name !== e.name.toUpperCase()) problems.push(`${where}: name case`);
      if (e.queued && e.error === undefined && e.reply !== "QUEUED") problems.push(`${where}: queued reply`);
      if (e.outcome && e.name !== "EXEC") problems.push(`${where}: outcome off EXEC`);
      if (e.conflict !== undefined && (e.outcome !== "aborted" || e.conflict >= e.seq)) problems.push(`${where}: conflict`);
      if (e.outcome === "committed" && !isExecReply(e.reply)) problems.push(`${where}: committed EXEC reply shape`);
      const origin = t.clients.find((c) => c.id === e.client)?.origin;
      if (origin === "plan" && e.line !== null) problems.push(`${where}: plan command with a line`);
    } else {
      const allowed = OTHER_KEYS[e.kind] ?? [];
      for (const k of Object.keys(e)) if (!allowed.includes(k)) problems.push(`${where}: extra ${k}`);
    }
  });
  const last = t.events.at(-1);
  if (!t.truncated && last?.kind !== "end") problems.push("no end event");
  return problems;
}

describe("fixtures follow the trace contract", () => {
  const recordedByName = Object.fromEntries(Object.entries(recorded).map(([k, v]) => [`recorded ${k}`, v]));
  for (const [name, t] of Object.entries({ ...fixtures, ...recordedByName, bigRace: bigRaceTrace(5000) })) {
    it(name, () => expect(checkContract(t)).toEqual([]));
  }
});

const outcomes = (t: Trace, client = "B") => attempts(t).filter((a) => a.client === client).map((a) => a.outcome);
const command = (t: Trace, seq: number) => t.events.find((e): e is CommandEvent => e.seq === seq && e.kind === "command");
/** The same trace without the engine's conflict fields, so the analysis has to infer them. */
const withoutNamedConflicts = (t: Trace): Trace => ({
  ...t,
  events: t.events.map((e) => {
    if (e.kind !== "command") return e;
    const { conflict: _c, conflictKey: _k, ...rest } = e;
    return rest;
  }),
});

describe("recorded runs through the analysis", () => {
  it("unit 1, plain: one committed attempt on the duplicate() connection", () => {
    const t = recorded.unit1Plain;
    expect(t.clients.map((c) => [c.id, c.origin])).toEqual([["A", "program"], ["B", "program"]]);
    expect(attempts(t).map((a) => [a.client, a.number, a.outcome, a.retry])).toEqual([["B", 1, "committed", false]]);
    expect(conflicts(t)).toEqual([]);
    expect(watchedValues(t)[0]?.points.map((p) => p.value)).toEqual(["100", "150"]);
  });

  it("unit 2, staged conflict: the plan client's write aborts attempt 1, the retry commits 157", () => {
    const t = recorded.unit2Conflict;
    expect(t.clients.map((c) => [c.id, c.origin])).toEqual([["A", "program"], ["B", "program"], ["C", "plan"]]);
    expect(outcomes(t)).toEqual(["aborted", "committed"]);
    expect(retries(t).map((a) => a.number)).toEqual([2]);
    const [exec] = watchErrors(t);
    const [c, ...more] = conflicts(t);
    expect(more).toEqual([]);
    expect(c).toMatchObject({ execSeq: exec!.seq, writeSeq: exec!.conflict, key: "balance:1", writerClient: "C", victimClient: "B", inferred: false });
    expect(command(t, c!.writeSeq)).toMatchObject({ client: "C", name: "INCRBY", args: ["balance:1", 7], line: null });
    expect(watchedValues(t)[0]?.points.map((p) => [p.client, p.value])).toEqual([["B", "100"], ["C", 107], ["B", "107"], ["B", "157"]]);
  });

  it("unit 1 with conflicts on attempts 1-3: three arrows from C, the 4th attempt commits", () => {
    const t = recorded.unit1Conflicts;
    expect(outcomes(t)).toEqual(["aborted", "aborted", "aborted", "committed"]);
    expect(retries(t)).toHaveLength(3);
    const cs = conflicts(t);
    expect(cs.map((c) => [c.writerClient, c.victimClient, c.key])).toEqual(Array(3).fill(["C", "B", "balance:1"]));
    expect(cs.map((c) => c.writeSeq)).toEqual(watchErrors(t).map((e) => e.conflict));
    for (const c of cs) expect(command(t, c.writeSeq)?.name).toBe("INCRBY");
  });

  it("unit 3, race: every WatchError is explained by one of the busy writer's INCRBYs", () => {
    const t = recorded.unit3Race;
    const out = outcomes(t);
    expect(out.at(-1)).toBe("committed");
    expect(out.slice(0, -1).every((o) => o === "aborted")).toBe(true);
    expect(retries(t)).toHaveLength(out.length - 1);
    const cs = conflicts(t);
    expect(cs).toHaveLength(out.length - 1);
    const starts = new Map(attempts(t).map((a) => [a.execSeq, a.startSeq]));
    for (const c of cs) {
      expect(c).toMatchObject({ writerClient: "C", victimClient: "B", key: "score:1" });
      expect(command(t, c.writeSeq)?.name).toBe("INCRBY");
      expect(c.writeSeq).toBeGreaterThan(starts.get(c.execSeq)!);
      expect(c.writeSeq).toBeLessThan(c.execSeq);
    }
    // The engine names almost every write; when a reply race leaves `conflict` out (a write's
    // reply processed after the EXEC's), the analysis infers the same INCRBY.
    expect(cs.filter((c) => !c.inferred).length).toBeGreaterThan(cs.length / 2);
  });

  it("unit 4 solution: two commits on separate connections, then an UNWATCH instead of a negative write", () => {
    const t = recorded.unit4Solution;
    expect(attempts(t).map((a) => [a.client, a.outcome, a.watched])).toEqual([
      ["B", "committed", ["balance:1"]],
      ["C", "committed", ["balance:15"]],
      ["D", "unwatched", ["balance:15"]],
    ]);
    expect(watchErrors(t)).toEqual([]);
    expect(watchedValues(t).find((v) => v.key === "balance:15")?.points.map((p) => p.value)).toEqual(["70", "80", "80", "80"]);
  });

  it("an error inside a committed EXEC is an { error } item: the failed INCR wrote nothing", () => {
    const t = recorded.execError;
    const exec = t.events.find((e): e is CommandEvent => e.kind === "command" && e.name === "EXEC")!;
    expect(attempts(t).map((a) => a.outcome)).toEqual(["committed"]);
    // name:1 stays "bob": the failed INCR adds no value point.
    expect(watchedValues(t)[0]?.points.map((p) => [p.seq, p.value])).toEqual([[1, "bob"]]);
    expect(describeEvent(exec)).toMatch(/committed, results: error: ERR value is not an integer or out of range; "OK"$/);
    expect(traceToText(t)).toContain('"EXEC" # committed, 1 queued command failed');
  });

  it("the analysis infers the same conflicts when the engine does not name them", () => {
    for (const t of [recorded.unit2Conflict, recorded.unit1Conflicts, recorded.unit3Race]) {
      const named = conflicts(t).map((c) => [c.execSeq, c.writeSeq, c.key, c.writerClient]);
      const inferred = conflicts(withoutNamedConflicts(t)).map((c) => [c.execSeq, c.writeSeq, c.key, c.writerClient]);
      expect(inferred).toEqual(named);
    }
  });
});
