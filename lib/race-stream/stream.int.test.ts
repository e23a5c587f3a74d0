// Writer and reader of the race stream against a real Redis (REDIS_URL from the global setup).
import { randomBytes } from "node:crypto";
import Redis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import type { TraceEvent } from "../trace";
import { publishUnlessStored, readEntries, readStoredResult, runHasEnded, STREAM_TTL_S, streamKeys, streamWriter } from "./index";

const redis = new Redis(process.env.REDIS_URL!);
const used: string[] = [];
const newRun = () => {
  const id = `rs-${randomBytes(6).toString("hex")}`;
  used.push(id);
  return id;
};
afterAll(async () => {
  const keys = used.flatMap((id) => Object.values(streamKeys(id)));
  if (keys.length) await redis.unlink(...keys);
  redis.disconnect();
});

const command: TraceEvent = { kind: "command", seq: 1, at: 0.5, client: "A", name: "GET", args: ["k"], reply: null, line: 3, queued: false };
const end: TraceEvent = { kind: "end", seq: 2, at: 1, status: "ok" };

describe("the race stream", () => {
  it("what the writer pushes, the reader reads back in order, parsed; the result ends the run", async () => {
    const id = newRun();
    const w = streamWriter(redis, id);
    w.push(command);
    w.push(end);
    expect(await runHasEnded(redis, id)).toBe(false);
    await w.close('{"status":"ok"}');
    const entries = await readEntries(redis, id, "0", { count: 10 });
    expect(entries.map((e) => e.event)).toEqual([command, end]);
    expect(entries[0]!.frame).toBe(JSON.stringify(command));
    expect(await runHasEnded(redis, id)).toBe(true);
    expect(await readStoredResult(redis, id)).toBe('{"status":"ok"}');
    // Resuming after the first entry gives the rest; following (BLOCK) a finished stream gives what is left.
    expect((await readEntries(redis, id, entries[0]!.id, { count: 10 })).map((e) => e.event?.kind)).toEqual(["end"]);
    expect((await readEntries(redis, id, entries[0]!.id, { count: 10, blockMs: 100 })).map((e) => e.event?.kind)).toEqual(["end"]);
    const ttl = await redis.ttl(streamKeys(id).events);
    expect(ttl).toBeGreaterThan(STREAM_TTL_S - 60);
  });

  it("a run that never started gets its end and result once, from its trace or its status", async () => {
    const id = newRun();
    const run = { runId: id, status: "error" as const, trace: { version: 1 as const, clients: [], events: [], truncated: false }, error: { message: "Syntax error on line 2" } };
    expect(await publishUnlessStored(redis, run, '{"status":"error"}')).toBe(true);
    expect(await publishUnlessStored(redis, run, '{"status":"other"}')).toBe(false);
    const entries = await readEntries(redis, id, "0", { count: 10 });
    expect(entries.map((e) => e.event)).toEqual([{ kind: "end", seq: 1, at: 0, status: "error", message: "Syntax error on line 2" }]);
    expect(await readStoredResult(redis, id)).toBe('{"status":"error"}');

    const withEnd = newRun();
    await publishUnlessStored(redis, { ...run, runId: withEnd, trace: { ...run.trace, events: [command, end] } }, "{}");
    expect((await readEntries(redis, withEnd, "0", { count: 10 })).map((e) => e.event)).toEqual([end]);
  });
});
