// A streamed frame stays small even for an event the recorder would never make that large.
import { describe, expect, it } from "vitest";
import { STREAM_EVENT_MAX_CHARS, streamedEvent } from "./stream-sink";
import type { TraceEvent } from "../trace/types";

describe("a streamed event", () => {
  it("is the event itself when it is small", () => {
    const e: TraceEvent = { kind: "command", seq: 3, at: 1, client: "A", name: "GET", args: ["k"], reply: "1", line: 2, queued: false };
    expect(streamedEvent(e)).toBe(JSON.stringify(e));
  });

  it("keeps its shape but not its huge values", () => {
    const big = "x".repeat(100_000);
    const e: TraceEvent = { kind: "command", seq: 3, at: 1, client: "A", name: "MGET", args: [big, big], reply: [big], line: 2, queued: false };
    const json = streamedEvent(e);
    expect(json.length).toBeLessThan(STREAM_EVENT_MAX_CHARS);
    expect(JSON.parse(json)).toMatchObject({ kind: "command", seq: 3, client: "A", name: "MGET", args: ["... (too large to show)"], reply: "... (too large to show)" });
    // The SSE route recognises the end of a run by the start of its frame.
    expect(streamedEvent({ kind: "end", seq: 9, at: 2, status: "error", message: big })).toMatch(/^\{"kind":"end"/);
    expect(streamedEvent({ kind: "console", seq: 4, at: 1, level: "log", text: big, line: 1 }).length).toBeLessThan(STREAM_EVENT_MAX_CHARS);
  });
});
