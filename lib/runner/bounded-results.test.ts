// Whatever a program does, its result stays under RESULT_MAX_BYTES: the trace keeps bounded
// events, the final state is read bounded, and the race lab's stream and stored result too.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { adminRedis, run } from "./test-support";
import { MAX_TRACE_CHARS, MAX_TRACE_EVENTS } from "./recorder/trace-recorder";
import { RESULT_MAX_BYTES } from "./worker/result-json";
import { STATE_ITEMS, STATE_STRING_CHARS } from "./namespace/inspect";
import { keyPrefix, serviceKeys } from "../redis/namespace";
import type { RunResult } from "./types";

const open = `import Redis from "ioredis";\nconst r = new Redis();\n`;
const jsonBytes = (r: RunResult) => Buffer.byteLength(JSON.stringify(r), "utf8");
/** 19 long key names per MGET: every event's arguments are as large as the trace shows. */
const manyLongReads = `${open}const names = Array.from({ length: 19 }, (_, i) => "k".repeat(300) + i);\nfor (let i = 0; i < 3000; i++) await r.mget(...names);\nconsole.log("done");`;

describe("a run's result stays small whatever the program does", () => {
  it("thousands of commands with long arguments: the trace is cut and marked truncated", async () => {
    // 3,000 bridged calls take more sandbox CPU than a lesson needs: room for a busy machine.
    const r = await run(manyLongReads, { limits: { commands: 5000, cpuMs: 5000 } });
    expect(r.status).toBe("ok");
    expect(r.output).toEqual(["done"]);
    expect(r.trace.truncated).toBe(true);
    expect(r.trace.events.length).toBeLessThanOrEqual(MAX_TRACE_EVENTS);
    expect(r.trace.events.at(-1)?.kind).toBe("end");
    expect(jsonBytes(r)).toBeLessThan(RESULT_MAX_BYTES);
  });

  it("the final state of a huge string, list, hash, set and sorted set is read bounded and marked", async () => {
    // A program can't store 200 KB in one value (it is bounded): the string is put in the run's
    // namespace beforehand, and the program touches it so the run's cleanup removes it.
    const runId = `state-${randomBytes(4).toString("hex")}`;
    await adminRedis().set(`${keyPrefix(runId)}s`, "x".repeat(200_000));
    const r = await run(
      `${open}await r.strlen("s");
      for (let i = 0; i < 40; i++) {
        const xs = Array.from({ length: 100 }, (_, j) => String(i * 100 + j));
        await r.rpush("l", ...xs);
        await r.sadd("st", ...xs);
        await r.hset("h", Object.fromEntries(xs.map((x) => ["f" + x, x])));
        await r.zadd("z", ...xs.flatMap((x) => [x, "m" + x]));
      }`,
      { runId, inspectKeys: ["s", "l", "h", "st", "z"] },
    );
    expect(r.error).toBeUndefined();
    const st = r.finalState!;
    expect(st.s).toBe(`${"x".repeat(STATE_STRING_CHARS)}... (200000 chars)`);
    expect(st.l).toHaveLength(STATE_ITEMS + 1);
    expect((st.l as string[])[0]).toBe("0");
    expect((st.l as string[]).at(-1)).toBe(`... ${4000 - STATE_ITEMS} more`);
    expect(Object.keys(st.h as object)).toHaveLength(STATE_ITEMS + 1);
    expect((st.h as Record<string, string>)["..."]).toBe(`${4000 - STATE_ITEMS} more`);
    expect((st.st as string[]).at(-1)).toBe(`... ${4000 - STATE_ITEMS} more`);
    expect(st.z).toHaveLength(STATE_ITEMS * 2 + 1);
    expect((st.z as string[]).slice(0, 2)).toEqual(["m0", "0"]);
    expect(JSON.stringify(st).length).toBeLessThan(100_000);
  });

  it("the race lab's stream and stored result are bounded too", async () => {
    const runId = `bnd-${randomBytes(6).toString("hex")}`;
    const keys = serviceKeys(runId);
    try {
      const r = await run(manyLongReads, { runId, stream: true, limits: { commands: 5000, cpuMs: 5000 } });
      expect(r.trace.truncated).toBe(true);
      const stored = await adminRedis().get(keys.result);
      expect(stored).not.toBeNull();
      expect(Buffer.byteLength(stored!, "utf8")).toBeLessThan(RESULT_MAX_BYTES);
      expect(await adminRedis().xlen(keys.events)).toBeLessThanOrEqual(MAX_TRACE_EVENTS + 100);
      // The stream carries the kept events, ending with the end event.
      const [last] = (await adminRedis().xrevrange(keys.events, "+", "-", "COUNT", 1)) as [string, string[]][];
      expect(JSON.parse(last![1][1]!)).toMatchObject({ kind: "end", status: "ok" });
      // The stream holds the kept events: about the trace's budget, plus Redis's own overhead.
      expect(Number((await adminRedis().memory("USAGE", keys.events)) ?? 0)).toBeLessThan(MAX_TRACE_CHARS * 1.5);
    } finally {
      await adminRedis().unlink(keys.result, keys.events);
    }
  });
});
