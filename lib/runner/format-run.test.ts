import { describe, expect, it } from "vitest";
import { formatRun } from "./format-run";
import type { RunResult } from "./types";

const result = (truncated: boolean): RunResult => ({
  runId: "fmt",
  status: "ok",
  output: [],
  trace: { version: 1, clients: [], events: [{ kind: "end", seq: 1, at: 0, status: "ok" }], truncated },
  timings: { totalMs: 1, transpileMs: 0, programMs: 1, cpuMs: 0 },
});

describe("the CLI's view of a run", () => {
  it("says when the trace was cut at its size limit, and only then", () => {
    expect(formatRun(result(true))).toContain("the trace was cut at its size limit");
    expect(formatRun(result(false))).not.toContain("cut at its size limit");
  });
});
