// One busy loop held a worker thread - and every run queued on it - for the whole 2 s CPU limit.
// Lessons use 1-18 ms of sandbox CPU, so the limit must be far lower than today's 2 s.
import { describe, expect, it } from "vitest";
import { runCli } from "./cli";
import { adversarialHooks, expectCleanMessage, expectHarmless, newRunId, observe, open, runAs } from "./support";

adversarialHooks();

describe("a busy loop is stopped quickly, by a CPU limit sized to the lessons", () => {
  it("for (;;) {}", async () => {
    const id = newRunId("busy");
    const seen = await observe(() => runAs(id, `for (;;) {}`));
    const r = seen.value;
    expect.soft(r.error?.code).toBe("cpu_limit");
    expect.soft(r.timings.cpuMs, "the CPU limit is well under 1 s").toBeLessThan(1000);
    expectCleanMessage(r.error);
    await expectHarmless([id], seen);
  });

  it("a busy loop after a Redis command", async () => {
    const id = newRunId("busyredis");
    const seen = await observe(() => runAs(id, `${open}await r.set("k", "v");\nfor (;;) {}`));
    const r = seen.value;
    expect.soft(r.error?.code).toBe("cpu_limit");
    expect.soft(r.timings.cpuMs).toBeLessThan(1000);
    await expectHarmless([id], seen);
  });

  it("10 busy loops at once leave a normal run unharmed", async () => {
    const ids = Array.from({ length: 10 }, () => newRunId("busymany"));
    const innocent = newRunId("innocent");
    const seen = await observe(async () => {
      const loops = ids.map((id) => runAs(id, `for (;;) {}`));
      const ok = await runAs(innocent, `${open}await r.set("n", "41");\nconsole.log(await r.incr("n"));`);
      return { ok, loops: await Promise.all(loops) };
    });
    const { ok, loops } = seen.value;
    expect.soft(ok.status).toBe("ok");
    expect.soft(ok.output).toEqual(["42"]);
    for (const l of loops) expect.soft(l.error?.code).toBe("cpu_limit");
    await expectHarmless([...ids, innocent], seen, ids.length + 1);
  }, 60_000);

  it("through the CLI: stopped, the CLI exits, nothing is left", async () => {
    const seen = await observe(() => runCli(`${open}await r.set("k", "v");\nfor (;;) {}`));
    const { exitCode, result } = seen.value;
    expect.soft(exitCode).toBe(1);
    expect.soft(result.error?.code).toBe("cpu_limit");
    expect.soft(result.timings.cpuMs).toBeLessThan(1000);
    await expectHarmless([result.runId], seen);
  }, 60_000);
});
