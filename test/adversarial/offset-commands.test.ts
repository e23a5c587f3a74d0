// Offset commands make Redis allocate far more than was sent: SETRANGE at offset 300 MB took
// Redis past maxmemory with a 1-byte value. The offset must be refused before Redis allocates.
import { describe, expect, it } from "vitest";
import { runCli } from "./cli";
import { adversarialHooks, expectCleanMessage, expectHarmless, MB, newRunId, observe, open, runAs } from "./support";

adversarialHooks();

const BOUND_CODES = ["command_bound", "write_limit"];

describe("offset commands are bounded by what Redis will allocate", () => {
  it("one SETRANGE at a 300 MB offset", async () => {
    const id = newRunId("setrange1");
    const seen = await observe(() => runAs(id, `${open}await r.setrange("s", ${300 * MB}, "x");\nconsole.log("allocated");`));
    const r = seen.value;
    expect.soft(BOUND_CODES).toContain(r.error?.code);
    expect.soft(r.error?.line).toBe(3);
    expect.soft(r.output).toEqual([]);
    expectCleanMessage(r.error, "SETRANGE");
    await expectHarmless([id], seen);
  }, 60_000);

  it("40 SETRANGEs at 2 MB offsets on 40 keys", async () => {
    const id = newRunId("setrange40");
    const seen = await observe(() => runAs(id, `${open}for (let i = 0; i < 40; i++) await r.setrange("s" + i, ${2 * MB}, "x");\nconsole.log("allocated");`));
    const r = seen.value;
    expect.soft(BOUND_CODES).toContain(r.error?.code);
    expect.soft(r.output).toEqual([]);
    expectCleanMessage(r.error, "SETRANGE");
    await expectHarmless([id], seen);
  }, 60_000);

  it("SETRANGE inside multi()", async () => {
    const id = newRunId("setrangemulti");
    const seen = await observe(() => runAs(id, `${open}await r.multi().setrange("a", ${3 * MB}, "x").setrange("b", ${3 * MB}, "x").exec();\nconsole.log("allocated");`));
    const r = seen.value;
    expect.soft(BOUND_CODES).toContain(r.error?.code);
    expect.soft(r.output).toEqual([]);
    expectCleanMessage(r.error, "SETRANGE");
    await expectHarmless([id], seen);
  }, 60_000);

  it("through the CLI: refused, the CLI exits, nothing is left", async () => {
    const seen = await observe(() => runCli(`${open}await r.setrange("s", ${300 * MB}, "x");\nconsole.log("allocated");`));
    const { exitCode, result } = seen.value;
    expect.soft(exitCode).toBe(1);
    expect.soft(BOUND_CODES).toContain(result.error?.code);
    expectCleanMessage(result.error, "SETRANGE");
    await expectHarmless([result.runId], seen);
  }, 60_000);
});
