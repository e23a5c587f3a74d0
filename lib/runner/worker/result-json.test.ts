// The last guarantee on a run's size: a result over RESULT_MAX_BYTES is cut, keeping its end.
import { describe, expect, it } from "vitest";
import { RESULT_MAX_BYTES, resultJson } from "./result-json";
import type { RunResult } from "../types";
import type { TraceEvent } from "../../trace";

function huge(): RunResult {
  const events: TraceEvent[] = Array.from({ length: 5000 }, (_, i) => ({ kind: "console", seq: i + 1, at: i, level: "log", text: "é".repeat(600), line: 1 }));
  events.push({ kind: "end", seq: 5001, at: 5001, status: "ok" });
  return {
    runId: "big",
    status: "ok",
    // Control characters are escaped as \u0001 in JSON: six bytes each.
    output: Array.from({ length: 64 }, () => "\u0001".repeat(1000)),
    trace: { version: 1, clients: [], events, truncated: false },
    timings: { totalMs: 1, transpileMs: 0, programMs: 1, cpuMs: 1 },
    finalState: { big: "y".repeat(300_000) },
  };
}

describe("a run's result as JSON", () => {
  it("is cut under RESULT_MAX_BYTES, keeps the end event and says it was truncated", () => {
    const text = resultJson(huge());
    expect(Buffer.byteLength(text, "utf8")).toBeLessThan(RESULT_MAX_BYTES);
    const r = JSON.parse(text) as RunResult;
    expect(r.trace.truncated).toBe(true);
    expect(r.trace.events.at(-1)).toMatchObject({ kind: "end", status: "ok" });
    expect(r.trace.events.length).toBeGreaterThan(100);
    expect(r.output).toHaveLength(64);
  });

  it("is the plain JSON when it is small", () => {
    const small = { ...huge(), output: ["hi"], finalState: { a: "1" }, trace: { version: 1 as const, clients: [], events: [], truncated: false } };
    expect(resultJson(small)).toBe(JSON.stringify(small));
  });
});
