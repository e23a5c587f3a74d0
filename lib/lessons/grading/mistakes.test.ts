// Pure: hand-made traces for the mistakes no grading fixture produces. No Redis.
import { describe, expect, it } from "vitest";
import type { CommandEvent, Trace, TraceEvent } from "../../trace";
import { allFindings, retryFindings, sharedConnectionFinding, watchFindings } from "./mistakes";

type Cmd = [client: string, name: string, args?: (string | number)[], extra?: Partial<CommandEvent>];

function trace(cmds: Cmd[]): Trace {
  return {
    version: 1,
    truncated: false,
    clients: [
      { id: "A", label: "your connection", origin: "program" },
      { id: "B", label: "duplicate()", origin: "program" },
      { id: "C", label: "other client (staged)", origin: "plan" },
    ],
    events: cmds.map(([client, name, args = [], extra = {}], i): TraceEvent => ({
      kind: "command", seq: i + 1, at: i, client, name, args, line: client === "C" ? null : 10 + i, queued: false, reply: "OK", ...extra,
    })),
  };
}

const tx = (client: string, key: string, value: number, reply: CommandEvent["reply"] = [[null, "OK"]]): Cmd[] => [
  [client, "MULTI"],
  [client, "SET", [key, value], { queued: true, reply: "QUEUED" }],
  [client, "EXEC", [], { reply, outcome: reply === null ? "aborted" : "committed" }],
];

describe("mistakes found in a trace", () => {
  it("a correct attempt has no findings", () => {
    const t = trace([["B", "WATCH", ["k"]], ["B", "GET", ["k"], { reply: "1" }], ...tx("B", "k", 2)]);
    expect(allFindings(t, "k")).toEqual([]);
  });

  it("reading on another connection than the watching one", () => {
    const t = trace([["B", "WATCH", ["k"]], ["A", "GET", ["k"], { reply: "1" }], ...tx("B", "k", 2)]);
    expect(watchFindings(t, "k").map((f) => f.mistake)).toEqual(["read-elsewhere"]);
  });

  it("no read at all after WATCH", () => {
    const t = trace([["B", "WATCH", ["k"]], ...tx("B", "k", 2)]);
    expect(watchFindings(t, "k").map((f) => f.mistake)).toEqual(["no-read"]);
  });

  it("a retry on a fresh connection counts as a retry, with its own read", () => {
    const t = trace([
      ["B", "WATCH", ["k"]], ["B", "GET", ["k"], { reply: "1" }], ["C", "INCRBY", ["k", 1], { reply: 2 }], ...tx("B", "k", 2, null),
      ["A", "WATCH", ["k"]], ["A", "GET", ["k"], { reply: "2" }], ...tx("A", "k", 3),
    ]);
    expect(allFindings(t, "k")).toEqual([]);
  });

  it("an aborted EXEC with nothing after it is a missing retry", () => {
    const t = trace([["B", "WATCH", ["k"]], ["B", "GET", ["k"], { reply: "1" }], ["C", "INCRBY", ["k", 1]], ...tx("B", "k", 2, null)]);
    expect(retryFindings(t, "k").map((f) => f.mistake)).toEqual(["no-retry"]);
  });

  it("two flows interleaved on one connection", () => {
    const t = trace([
      ["A", "WATCH", ["k"]], ["A", "WATCH", ["k"]], ["A", "GET", ["k"], { reply: "1" }], ["A", "GET", ["k"], { reply: "1" }],
      ...tx("A", "k", 2), ...tx("A", "k", 3),
    ]);
    expect(sharedConnectionFinding(t, "k")?.mistake).toBe("shared-connection");
    expect(allFindings(t, "k")[0]?.mistake).toBe("shared-connection");
  });
});
