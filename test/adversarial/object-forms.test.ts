// ioredis expands an object (or Map) argument of mset/hset/hmset/msetnx into field/value pairs:
// the write budget must count those, in and out of multi(), and the keys they create must be
// cleaned up like any other (thirty such runs once left Redis at maxmemory for good).
import { describe, expect, it } from "vitest";
import type { RunErrorInfo } from "@/lib/runner/types";
import { runCli } from "./cli";
import { adversarialHooks, expectCleanMessage, expectHarmless, newRunId, observe, open, runAs } from "./support";

adversarialHooks();

const BOUND_CODES = ["write_limit", "command_bound"];
/** 8 values of 512 KB: 4 MB, four times the default write budget. */
const big = `const big = "x".repeat(512 * 1024);\nconst obj: Record<string, string> = {};\nfor (let i = 0; i < 8; i++) obj["f" + i] = big;\n`;

/**
 * A bound on the command names it (issue 11, item 2); the run's write budget is a run limit, whose
 * message names the budget - then the line must point at the write.
 */
function expectRefusal(error: RunErrorInfo | undefined, command: string): void {
  if (error?.code === "command_bound") return expectCleanMessage(error, command);
  expectCleanMessage(error);
  expect.soft(error?.line, "the refusal points at the learner's line").toBe(6);
}

const cases: [name: string, command: string, call: string][] = [
  ["mset({...})", "MSET", `await r.mset(obj);`],
  ["msetnx({...})", "MSETNX", `await r.msetnx(obj);`],
  ["hset(key, {...})", "HSET", `await r.hset("h", obj);`],
  ["hmset(key, {...})", "HMSET", `await r.hmset("h", obj);`],
  ["multi().mset({...})", "MSET", `await r.multi().mset(obj).exec();`],
  ["multi().hset(key, {...})", "HSET", `await r.multi().hset("h", obj).exec();`],
];

describe("object forms of multi-key writes are counted as what ioredis sends", () => {
  for (const [name, command, call] of cases) {
    it(`${name} with 4 MB of values`, async () => {
      const id = newRunId("obj");
      const seen = await observe(() => runAs(id, `${open}${big}${call}\nconsole.log("wrote 4 MB");`));
      const r = seen.value;
      expect.soft(BOUND_CODES).toContain(r.error?.code);
      expect.soft(r.output).toEqual([]);
      expectRefusal(r.error, command);
      await expectHarmless([id], seen);
    }, 60_000);
  }

  it("mset(new Map(...)) with 4 MB of values writes nothing unbounded", async () => {
    // The bridge carries JSON, so a Map arrives empty today; if Maps ever cross it, they must be counted too.
    const id = newRunId("map");
    const seen = await observe(() =>
      runAs(id, `${open}const big = "x".repeat(512 * 1024);\nconst m = new Map<string, string>();\nfor (let i = 0; i < 8; i++) m.set("f" + i, big);\ntry { await r.mset(m); } catch { console.log("not written"); }\nconsole.log(await r.exists("f0"));`),
    );
    const r = seen.value;
    if (r.status === "ok") expect.soft(r.output).toEqual(["not written", "0"]);
    else expect.soft(BOUND_CODES).toContain(r.error?.code);
    await expectHarmless([id], seen);
  }, 60_000);

  it("many small object writes that add up to 4 MB", async () => {
    const id = newRunId("objsum");
    const src = `${open}const v = "y".repeat(64 * 1024);\nfor (let i = 0; i < 64; i++) await r.mset({ ["k" + i]: v });\nconsole.log("done");`;
    const seen = await observe(() => runAs(id, src));
    const r = seen.value;
    expect.soft(BOUND_CODES).toContain(r.error?.code);
    expect.soft(r.output).toEqual([]);
    await expectHarmless([id], seen);
  }, 60_000);

  it("through the CLI: refused, the CLI exits, nothing is left", async () => {
    const seen = await observe(() => runCli(`${open}${big}await r.mset(obj);\nconsole.log("wrote 4 MB");`));
    const { exitCode, result } = seen.value;
    expect.soft(exitCode).toBe(1);
    expect.soft(BOUND_CODES).toContain(result.error?.code);
    expectRefusal(result.error, "MSET");
    await expectHarmless([result.runId], seen);
  }, 60_000);
});
