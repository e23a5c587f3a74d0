// A streamed frame stays small even for an event the recorder would never make that large.
import { describe, expect, it } from "vitest";
import { MAX_TRACE_EVENTS } from "../runner/recorder/trace-recorder";
import type { TraceEvent } from "../trace";
import { parseStreamedEvent, STREAM_EVENT_MAX_CHARS, STREAM_MAX_ENTRIES, streamedEvent } from "./protocol";

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
    // The reader recognises the end of a run by its parsed kind, even when the frame was cut.
    expect(parseStreamedEvent(streamedEvent({ kind: "end", seq: 9, at: 2, status: "error", message: big }))).toMatchObject({ kind: "end", seq: 9, status: "error" });
    expect(streamedEvent({ kind: "console", seq: 4, at: 1, level: "log", text: big, line: 1 }).length).toBeLessThan(STREAM_EVENT_MAX_CHARS);
  });

  it("is read back as the event it was, and anything else as no event", () => {
    const end: TraceEvent = { kind: "end", seq: 2, at: 5, status: "ok" };
    expect(parseStreamedEvent(streamedEvent(end))).toEqual(end);
    // Key order is not the protocol: a frame that does not start with "kind" is still an end.
    expect(parseStreamedEvent('{"seq":2,"kind":"end","at":5,"status":"ok"}')).toEqual(end);
    for (const junk of [undefined, "", "not json", "[]", "null", '{"kind":"weird"}']) expect(parseStreamedEvent(junk), String(junk)).toBeNull();
  });

  it("the stream keeps every event a trace can hold", () => {
    expect(STREAM_MAX_ENTRIES).toBeGreaterThan(MAX_TRACE_EVENTS);
    expect(STREAM_MAX_ENTRIES).toBeLessThanOrEqual(MAX_TRACE_EVENTS + 100);
  });
});
