// WATCH costs Redis time that grows with the square of the keys one connection watches: 40,000
// keys in one call froze it for ~6 s. A bound must refuse such a WATCH before it is sent.
import { describe, expect, it } from "vitest";
import { runCli } from "./cli";
import { adversarialHooks, expectCleanMessage, expectHarmless, newRunId, observe, open, runAs } from "./support";

adversarialHooks();

const BOUND_CODES = ["command_bound", "command_limit"];

describe("WATCH of many keys is refused before it reaches Redis", () => {
  it("one WATCH call with 40,000 keys", async () => {
    const id = newRunId("watch1");
    const seen = await observe(() =>
      runAs(id, `${open}const keys = Array.from({ length: 40_000 }, (_, i) => "w:" + i);\nawait r.watch(...keys);\nconsole.log("watched them all");`),
    );
    const r = seen.value;
    expect.soft(BOUND_CODES).toContain(r.error?.code);
    expect.soft(r.error?.line).toBe(4);
    expect.soft(r.output).toEqual([]);
    expectCleanMessage(r.error, "WATCH");
    await expectHarmless([id], seen);
  }, 60_000);

  it("20 WATCH calls of 2,000 keys on one connection", async () => {
    const id = newRunId("watch20");
    const seen = await observe(() =>
      runAs(id, `${open}for (let j = 0; j < 20; j++) {\n  await r.watch(...Array.from({ length: 2000 }, (_, i) => \`w:\${j}:\${i}\`));\n}\nconsole.log("watched them all");`),
    );
    const r = seen.value;
    expect.soft(BOUND_CODES).toContain(r.error?.code);
    expect.soft(r.output).toEqual([]);
    expectCleanMessage(r.error, "WATCH");
    await expectHarmless([id], seen);
  }, 60_000);

  it("2,000 keys on each of 10 connections (the per-run bound)", async () => {
    const id = newRunId("watchconns");
    const src = `${open}const conns = [r, ...Array.from({ length: 9 }, () => r.duplicate())];
      let n = 0;
      for (const c of conns) {
        await c.watch(...Array.from({ length: 2000 }, () => "w:" + n++));
      }
      console.log("watched", n);`;
    const seen = await observe(() => runAs(id, src));
    const r = seen.value;
    expect.soft(BOUND_CODES).toContain(r.error?.code);
    expect.soft(r.output).toEqual([]);
    expectCleanMessage(r.error, "WATCH");
    await expectHarmless([id], seen);
  }, 60_000);

  it("through the CLI: refused, the CLI exits, nothing is left", async () => {
    const seen = await observe(() => runCli(`${open}await r.watch(...Array.from({ length: 40_000 }, (_, i) => "w:" + i));\nconsole.log("watched them all");`));
    const { exitCode, result } = seen.value;
    expect.soft(exitCode).toBe(1);
    expect.soft(BOUND_CODES).toContain(result.error?.code);
    expectCleanMessage(result.error, "WATCH");
    await expectHarmless([result.runId], seen);
  }, 60_000);
});
