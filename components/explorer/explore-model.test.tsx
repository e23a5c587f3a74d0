import { describe, expect, it } from "vitest";
import type { Trace } from "@/lib/trace";
import { describeNext, execSince, isExecStep, stepOfSeq } from "./explore-model";

describe("reading a schedule run", () => {
  it("finds the step that sent an event", () => {
    const steps = [
      { client: "B", pending: "BC", seq: 1 },
      { client: "C", pending: "BC", seq: 2 },
      { client: "B", pending: "BC", seq: 3 },
    ];
    expect(stepOfSeq(steps, 1)).toBe(1);
    expect(stepOfSeq(steps, 4)).toBe(3);
    expect(stepOfSeq(steps, 0)).toBeNull();
  });

  it("knows an EXEC step and says it in words", () => {
    const batch = { name: "MULTI", args: [], line: 12, batch: [{ name: "MULTI", args: [] }, { name: "SET", args: ["likes:99", "165"] }, { name: "EXEC", args: [] }] };
    expect(isExecStep(batch)).toBe(true);
    expect(isExecStep({ name: "GET" })).toBe(false);
    expect(describeNext(batch)).toBe("MULTI, SET likes:99 165, EXEC");
    expect(describeNext({ name: "WATCH", args: ["likes:99"] })).toBe("WATCH likes:99");
  });

  it("finds the EXEC the last step sent", () => {
    const trace: Trace = {
      version: 1,
      clients: [],
      truncated: false,
      events: [
        { kind: "command", seq: 1, at: 0, client: "B", name: "EXEC", args: [], line: 3, queued: false, outcome: "committed" },
        { kind: "command", seq: 2, at: 0, client: "C", name: "EXEC", args: [], line: 3, queued: false, outcome: "aborted" },
      ],
    };
    expect(execSince(trace, "C", 1)?.outcome).toBe("aborted");
    expect(execSince(trace, "B", 1)).toBeNull();
  });
});
