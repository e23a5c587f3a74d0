import { describe, expect, it } from "vitest";
import {
  attempts,
  collapseRuns,
  conflicts,
  retries,
  traceToText,
  valueAt,
  watchedValues,
  watchErrors,
  writtenKeys,
  execResult,
  type CommandEvent,
  type Trace,
  type TraceEvent,
} from "./index";
import { bigRaceTrace, fixtures } from "./fixtures";

/** Builds a trace from terse command tuples, numbering seqs and times like the bridge would. */
function trace(events: Array<Partial<CommandEvent> & Pick<CommandEvent, "client" | "name"> | TraceEvent>): Trace {
  return {
    version: 1,
    clients: [
      { id: "A", label: "your connection", origin: "program" },
      { id: "B", label: "other client (staged)", origin: "plan" },
    ],
    truncated: false,
    events: events.map((e, i): TraceEvent => {
      const base = { seq: i + 1, at: i * 0.1 };
      if ("kind" in e && e.kind && e.kind !== "command") return { ...e, ...base } as TraceEvent;
      return { kind: "command", args: [], line: null, queued: false, ...e, ...base } as CommandEvent;
    }),
  };
}

describe("attempts", () => {
  it("finds one committed attempt in a plain run", () => {
    const [a, ...rest] = attempts(fixtures.noConflict);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ client: "A", number: 1, outcome: "committed", startSeq: 1, endSeq: 5, watched: ["balance:1"], multiSeq: 3, execSeq: 5, retry: false, conflict: null });
    expect(a?.seqs).toEqual([1, 2, 3, 4, 5]);
  });

  it("numbers attempts per client and marks the retry after a WatchError", () => {
    const as = attempts(fixtures.oneConflict);
    expect(as.map((a) => [a.client, a.number, a.outcome, a.retry])).toEqual([
      ["A", 1, "aborted", false],
      ["A", 2, "committed", true],
    ]);
    // B's plain INCRBY sits inside A's span on the timeline but not in A's seqs.
    expect(as[0]?.seqs).toEqual([1, 2, 5, 6, 7]);
  });

  it("reports an UNWATCH without EXEC as unwatched, and the next call is not a retry", () => {
    const as = attempts(fixtures.abortNegative);
    expect(as.map((a) => [a.number, a.outcome, a.retry, a.watched])).toEqual([
      [1, "committed", false, ["balance:1"]],
      [2, "committed", false, ["balance:15"]],
      [3, "unwatched", false, ["balance:15"]],
    ]);
    expect(as[2]?.execSeq).toBeNull();
  });

  it("handles several program connections, EXECABORT and DISCARD", () => {
    const as = attempts(fixtures.threeClients);
    expect(as.map((a) => `${a.client}${a.number}:${a.outcome}`)).toEqual(["A1:committed", "B1:discarded", "B2:discarded"]);
    expect(as[0]?.watched).toEqual(["balance:1", "balance:2"]);
  });

  it("leaves an attempt open when the trace ends inside it", () => {
    const t = trace([
      { client: "A", name: "WATCH", args: ["k"], reply: "OK" },
      { client: "A", name: "GET", args: ["k"], reply: "1" },
      { client: "A", name: "MULTI", reply: "OK" },
      { client: "A", name: "EXEC" }, // still pending: no reply yet
    ]);
    expect(attempts(t)).toMatchObject([{ outcome: "open", endSeq: 4, execSeq: 4 }]);
  });

  it("infers outcomes when the engine did not set them", () => {
    const t = trace([
      { client: "A", name: "WATCH", args: ["k"], reply: "OK" },
      { client: "A", name: "MULTI", reply: "OK" },
      { client: "A", name: "EXEC", reply: null },
      { client: "A", name: "MULTI", reply: "OK" },
      { client: "A", name: "EXEC", reply: [] },
    ]);
    expect(attempts(t).map((a) => a.outcome)).toEqual(["aborted", "committed"]);
    expect(attempts(t)[1]).toMatchObject({ retry: true, watched: [], startSeq: 4 });
  });

  it("ignores failed WATCH and a plain EXEC without MULTI", () => {
    const t = trace([
      { client: "A", name: "WATCH", args: ["k"], error: "ERR wrong number of arguments" },
      { client: "A", name: "EXEC", error: "ERR EXEC without MULTI" },
      { client: "A", name: "GET", args: ["k"], reply: null },
    ]);
    expect(attempts(t)).toEqual([]);
  });

  it("treats a queued UNWATCH as part of the transaction", () => {
    const t = trace([
      { client: "A", name: "WATCH", args: ["k"], reply: "OK" },
      { client: "A", name: "MULTI", reply: "OK" },
      { client: "A", name: "UNWATCH", reply: "QUEUED", queued: true },
      { client: "A", name: "EXEC", reply: [[null, "OK"]], outcome: "committed" },
    ]);
    expect(attempts(t)).toMatchObject([{ outcome: "committed", seqs: [1, 2, 3, 4] }]);
  });

  it("keeps 5,000 events linear enough", () => {
    const big = bigRaceTrace(5000);
    expect(big.events).toHaveLength(5000);
    const t0 = performance.now();
    const as = attempts(big);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(as.length).toBeGreaterThan(100);
    expect(as.every((a) => a.outcome !== "open")).toBe(true);
  });
});

describe("retries and watchErrors", () => {
  it("counts none on a clean run", () => {
    expect(retries(fixtures.noConflict)).toEqual([]);
    expect(watchErrors(fixtures.noConflict)).toEqual([]);
  });
  it("counts every aborted EXEC and every retry", () => {
    expect(watchErrors(fixtures.manyConflicts).map((e) => e.seq)).toEqual(
      attempts(fixtures.manyConflicts).filter((a) => a.outcome === "aborted").map((a) => a.execSeq),
    );
    expect(watchErrors(fixtures.manyConflicts)).toHaveLength(3);
    expect(retries(fixtures.manyConflicts).map((a) => a.number)).toEqual([2, 3, 4]);
    expect(watchErrors(fixtures.longRace)).toHaveLength(10);
    expect(retries(fixtures.longRace)).toHaveLength(10);
  });
  it("does not count an EXECABORT as a WatchError", () => {
    expect(watchErrors(fixtures.threeClients)).toEqual([]);
  });
});

describe("conflicts", () => {
  it("uses the engine's conflict seq and key", () => {
    expect(conflicts(fixtures.oneConflict)).toEqual([
      { execSeq: 7, writeSeq: 4, key: "balance:1", writerClient: "B", victimClient: "A", inferred: false },
    ]);
  });

  it("lists each conflict of a long race with B as the writer", () => {
    const cs = conflicts(fixtures.longRace);
    expect(cs).toHaveLength(10);
    for (const c of cs) {
      expect(c).toMatchObject({ writerClient: "B", victimClient: "A", key: "score:1", inferred: false });
      expect(c.writeSeq).toBeLessThan(c.execSeq);
    }
  });

  it("infers the first dirtying write when the engine did not name it", () => {
    const t = trace([
      { client: "A", name: "WATCH", args: ["k", "other"], reply: "OK" },
      { client: "B", name: "SET", args: ["unrelated", 1], reply: "OK" },
      { client: "B", name: "INCRBY", args: ["other", 5], reply: 5 },
      { client: "B", name: "INCRBY", args: ["k", 5], reply: 5 },
      { client: "A", name: "MULTI", reply: "OK" },
      { client: "A", name: "SET", args: ["k", 1], reply: "QUEUED", queued: true },
      { client: "A", name: "EXEC", reply: null },
    ]);
    expect(conflicts(t)).toEqual([{ execSeq: 7, writeSeq: 3, key: "other", writerClient: "B", victimClient: "A", inferred: true }]);
  });

  it("infers a committed transaction of another client as the write (at its EXEC)", () => {
    const t = trace([
      { client: "A", name: "WATCH", args: ["k"], reply: "OK" },
      { client: "B", name: "MULTI", reply: "OK" },
      { client: "B", name: "SET", args: ["k", 9], reply: "QUEUED", queued: true },
      { client: "B", name: "EXEC", reply: [[null, "OK"]], outcome: "committed" },
      { client: "A", name: "MULTI", reply: "OK" },
      { client: "A", name: "EXEC", reply: null, outcome: "aborted" },
    ]);
    expect(conflicts(t)).toMatchObject([{ writeSeq: 4, key: "k", writerClient: "B", inferred: true }]);
  });

  it("finds the learner's own write to a watched key (a classic mistake)", () => {
    const t = trace([
      { client: "A", name: "WATCH", args: ["k"], reply: "OK" },
      { client: "A", name: "SET", args: ["k", 2], reply: "OK" },
      { client: "A", name: "MULTI", reply: "OK" },
      { client: "A", name: "EXEC", reply: null, outcome: "aborted" },
    ]);
    expect(conflicts(t)).toMatchObject([{ writeSeq: 2, writerClient: "A", victimClient: "A" }]);
  });

  it("skips a WatchError whose cause cannot be found (e.g. a write before the trace began)", () => {
    const t = trace([
      { client: "A", name: "WATCH", args: ["k"], reply: "OK" },
      { client: "A", name: "MULTI", reply: "OK" },
      { client: "A", name: "EXEC", reply: null, outcome: "aborted" },
    ]);
    expect(watchErrors(t)).toHaveLength(1);
    expect(conflicts(t)).toEqual([]);
  });
});

describe("collapseRuns", () => {
  it("folds consecutive identical commands of one client", () => {
    const items = collapseRuns(fixtures.longRace.events);
    const runs = items.filter((i) => i.kind === "run");
    expect(runs).toHaveLength(1);
    const run = runs[0];
    expect(run?.kind === "run" && run.events.every((e) => e.kind === "command" && e.client === "B" && e.name === "INCRBY")).toBe(true);
    // Nothing lost: every event appears exactly once.
    const count = items.reduce((n, i) => n + (i.kind === "run" ? i.events.length : 1), 0);
    expect(count).toBe(fixtures.longRace.events.length);
  });

  it("keeps short repeats, different args and other clients apart", () => {
    const t = trace([
      { client: "B", name: "INCRBY", args: ["k", 1] },
      { client: "B", name: "INCRBY", args: ["k", 1] },
      { client: "B", name: "INCRBY", args: ["k", 2] },
      { client: "A", name: "INCRBY", args: ["k", 2] },
      { client: "A", name: "INCRBY", args: ["k", 2] },
      { client: "A", name: "INCRBY", args: ["k", 2] },
    ]);
    const items = collapseRuns(t.events);
    expect(items.map((i) => i.kind)).toEqual(["event", "event", "event", "run"]);
    expect(collapseRuns(t.events, { minRun: 2 }).map((i) => i.kind)).toEqual(["run", "event", "run"]);
  });

  it("never folds a kept seq and honours expanded runs", () => {
    const t = trace(Array.from({ length: 6 }, () => ({ client: "B", name: "INCR", args: ["k"] })));
    expect(collapseRuns(t.events, { keep: new Set([3]) }).map((i) => (i.kind === "run" ? `run${i.events.length}` : "e"))).toEqual(["e", "e", "e", "run3"]);
    expect(collapseRuns(t.events, { expanded: new Set([1]) }).every((i) => i.kind === "event")).toBe(true);
  });

  it("folds repeated console lines but not EXECs", () => {
    const log: TraceEvent = { kind: "console", level: "log", text: "tick", line: 3, seq: 0, at: 0 };
    const t = trace([log, log, log, { client: "A", name: "EXEC", reply: null }, { client: "A", name: "EXEC", reply: null }, { client: "A", name: "EXEC", reply: null }]);
    expect(collapseRuns(t.events).map((i) => i.kind)).toEqual(["run", "event", "event", "event"]);
  });

  it("reduces the 5,000-event race to far fewer rows", () => {
    const big = bigRaceTrace(5000);
    const items = collapseRuns(big.events);
    expect(items.length).toBeLessThan(big.events.length * 0.8);
  });
});

describe("watchedValues", () => {
  it("tracks a GET read and the committed SET", () => {
    expect(watchedValues(fixtures.noConflict)).toEqual([
      {
        key: "balance:1",
        points: [
          { seq: 2, client: "A", source: "read", value: "100" },
          { seq: 5, client: "A", source: "write", value: "150" },
        ],
      },
    ]);
  });

  it("shows the other client's write and ignores an aborted transaction", () => {
    const [track] = watchedValues(fixtures.oneConflict);
    expect(track?.points.map((p) => [p.seq, p.client, p.source, p.value])).toEqual([
      [2, "A", "read", "100"],
      [4, "B", "write", 107],
      [10, "A", "read", "107"],
      [13, "A", "write", "157"],
    ]);
    expect(track && valueAt(track, 7)?.value).toBe(107);
    expect(track && valueAt(track, 1)).toBeUndefined();
    expect(track && valueAt(track, 999)?.value).toBe("157");
  });

  it("reads queued results from ioredis [err, result] pairs", () => {
    const [track] = watchedValues(fixtures.longRace);
    const last = track?.points.at(-1);
    expect(last?.value).toBe("2651");
    const commit = attempts(fixtures.longRace).find((a) => a.outcome === "committed");
    expect(track?.points.find((p) => p.seq === commit?.execSeq)).toMatchObject({ source: "write", client: "A" });
  });

  it("tracks every watched key, and marks unknown writes as changed", () => {
    const t = trace([
      { client: "A", name: "WATCH", args: ["a", "h"], reply: "OK" },
      { client: "B", name: "HSET", args: ["h", "f", 1], reply: 1 },
      { client: "B", name: "DEL", args: ["a"], reply: 1 },
      { client: "B", name: "SET", args: ["a", "x", "NX"], reply: null },
      { client: "B", name: "MSET", args: ["a", "1", "h", "2"], reply: "OK" },
    ]);
    expect(watchedValues(t)).toEqual([
      { key: "a", points: [{ seq: 3, client: "B", source: "write", value: null }, { seq: 5, client: "B", source: "write", value: "1" }] },
      { key: "h", points: [{ seq: 2, client: "B", source: "write" }, { seq: 5, client: "B", source: "write", value: "2" }] },
    ]);
  });

  it("falls back to the keys read when nothing was watched", () => {
    const t = trace([
      { client: "A", name: "GET", args: ["likes:99"], reply: "150" },
      { client: "A", name: "SET", args: ["likes:99", 165], reply: "OK" },
    ]);
    expect(watchedValues(t)[0]?.points.map((p) => p.value)).toEqual(["150", "165"]);
  });
});

describe("traceToText", () => {
  it("prints one MONITOR-like line per event", () => {
    const text = traceToText(fixtures.oneConflict);
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(fixtures.oneConflict.events.length);
    expect(lines[0]).toBe('+0.410ms [A line 7] "WATCH" "balance:1"');
    expect(lines[2]).toBe("+0.540ms [plan] B writes balance:1 after A's read (attempt 1)");
    expect(lines[3]).toBe('+0.570ms [B] "INCRBY" "balance:1" "7"');
    expect(lines[5]).toBe('+0.810ms [A line 9] "SET" "balance:1" "150" # queued');
    expect(lines[6]).toBe('+0.930ms [A line 9] "EXEC" # aborted: WatchError (seq 4 changed balance:1)');
    expect(lines[7]).toBe("+0.980ms [console line 11] conflict, retrying");
    expect(lines.at(-1)).toMatch(/^\+\d+\.\d{3}ms \[end\] ok$/);
  });

  it("escapes quotes, shows errors, replies on request, and notes truncation", () => {
    const t = trace([
      { client: "A", name: "SET", args: ['say "hi"', "a\\b"], reply: "OK", line: 3 },
      { client: "A", name: "KEYS", args: ["*"], error: "KEYS is not allowed", line: 4 },
    ]);
    t.truncated = true;
    const plain = traceToText(t).split("\n");
    expect(plain[0]).toBe('+0.000ms [A line 3] "SET" "say \\"hi\\"" "a\\\\b"');
    expect(plain[1]).toBe('+0.100ms [A line 4] "KEYS" "*" # error: KEYS is not allowed');
    expect(plain[2]).toMatch(/truncated/);
    expect(traceToText(t, { replies: true }).split("\n")[0]).toMatch(/# -> "OK"$/);
  });
});

describe("command table", () => {
  it("knows which keys a write touches", () => {
    expect(writtenKeys({ name: "MSET", args: ["a", 1, "b", 2] })).toEqual(["a", "b"]);
    expect(writtenKeys({ name: "DEL", args: ["a", "b"] })).toEqual(["a", "b"]);
    expect(writtenKeys({ name: "LMOVE", args: ["a", "b", "LEFT", "RIGHT"] })).toEqual(["a", "b"]);
    expect(writtenKeys({ name: "GET", args: ["a"] })).toEqual([]);
  });
  it("unwraps exec pairs", () => {
    expect(execResult([[null, 5], ["ERR boom", null]], 0)).toBe(5);
    expect(execResult([[null, 5], ["ERR boom", null]], 1)).toBeUndefined();
    expect(execResult(["OK"], 0)).toBe("OK");
    expect(execResult(null, 0)).toBeUndefined();
  });
});
