// The trace recorder's bounds, called directly: whatever a program sends or receives, what the
// trace keeps (and streams) stays small.
import { describe, expect, it } from "vitest";
import { MAX_EVENT_ARGS, MAX_TRACE_CHARS, MAX_TRACE_EVENTS, MAX_VALUE_CHARS, TraceRecorder } from "./trace-recorder";
import type { CommandEvent, TraceEvent } from "../../trace";

const PREFIX = "{r:test1}:";
const size = (v: unknown) => JSON.stringify(v).length;

function sent(rec: TraceRecorder, args: unknown[], reply: unknown): CommandEvent {
  const ev = rec.command({ client: "A", name: "X", args, line: 1, queued: false });
  rec.complete(ev, { reply }, performance.now());
  return ev;
}

describe("the trace recorder keeps every event small", () => {
  it("keeps the first arguments of a command with tens of thousands, and says how many more", () => {
    const rec = new TraceRecorder(PREFIX);
    const args = Array.from({ length: 50_000 }, (_, i) => `${PREFIX}key:${i}`);
    const ev = sent(rec, args, 50_000);
    expect(ev.args).toHaveLength(MAX_EVENT_ARGS + 1);
    expect(ev.args[0]).toBe("key:0");
    expect(ev.args.at(-1)).toBe(`... ${50_000 - MAX_EVENT_ARGS} more`);
  });

  it("bounds nested replies and hash replies with many fields", () => {
    const rec = new TraceRecorder(PREFIX);
    const nested = Array.from({ length: 200 }, () => Array.from({ length: 200 }, () => "x".repeat(1000)));
    const a = sent(rec, [], nested);
    expect(size(a.reply)).toBeLessThan(MAX_VALUE_CHARS + 2000);
    expect(JSON.stringify(a.reply)).toContain("more");

    const hash: Record<string, string> = {};
    for (let i = 0; i < 100_000; i++) hash[`${PREFIX}f${i}`] = "y".repeat(300);
    const h = sent(rec, [], hash);
    const shown = h.reply as Record<string, string>;
    expect(Object.keys(shown).length).toBeLessThanOrEqual(51);
    expect(shown["..."]).toMatch(/more$/);
    expect(Object.keys(shown)[0]).toBe("f0");
    expect(size(shown)).toBeLessThan(MAX_VALUE_CHARS + 2000);
  });

  it("keeps at most MAX_TRACE_EVENTS events, ends with the end event, and is marked truncated", () => {
    const streamed: TraceEvent[] = [];
    const rec = new TraceRecorder(PREFIX, (e) => streamed.push(e));
    for (let i = 0; i < 30_000; i++) rec.interference(`B sends INCR k (write ${i})`);
    rec.end("ok");
    const t = rec.trace();
    expect(t.truncated).toBe(true);
    expect(t.events).toHaveLength(MAX_TRACE_EVENTS);
    expect(t.events.at(-1)?.kind).toBe("end");
    // The live stream carries exactly what the trace kept.
    expect(streamed.map((e) => e.seq)).toEqual(t.events.map((e) => e.seq));
  });

  it("keeps a trace of large replies under its JSON budget", () => {
    const rec = new TraceRecorder(PREFIX);
    const big = Array.from({ length: 50 }, () => "z".repeat(5000));
    for (let i = 0; i < 1500; i++) sent(rec, Array.from({ length: 40 }, () => "a".repeat(500)), big);
    for (let i = 0; i < 200; i++) rec.console("log", "c".repeat(64_000), 2);
    rec.end("ok");
    const t = rec.trace();
    expect(t.truncated).toBe(true);
    expect(size(t)).toBeLessThan(MAX_TRACE_CHARS + 10_000);
    expect(t.events.at(-1)?.kind).toBe("end");
  });

  it("keeps a prefix of the run: after the first dropped event, only the end follows", () => {
    const rec = new TraceRecorder(PREFIX);
    for (let i = 0; i < 400; i++) sent(rec, Array.from({ length: 20 }, () => "a".repeat(300)), i);
    // Small enough to fit in what is left of the budget, but after a dropped event.
    sent(rec, ["small"], "OK");
    rec.end("ok");
    const t = rec.trace();
    expect(t.truncated).toBe(true);
    const seqs = t.events.map((e) => e.seq);
    expect(seqs.slice(0, -1)).toEqual(seqs.slice(0, -1).map((_, i) => i + 1));
    expect(t.events.at(-1)?.kind).toBe("end");
  });

  it("leaves a small trace exactly as before: not truncated, values whole", () => {
    const rec = new TraceRecorder(PREFIX);
    const ev = sent(rec, [`${PREFIX}balance:1`, "100"], ["OK", { f: "1" }]);
    rec.end("ok");
    expect(ev.args).toEqual(["balance:1", "100"]);
    expect(ev.reply).toEqual(["OK", { f: "1" }]);
    expect(rec.trace().truncated).toBe(false);
  });
});
