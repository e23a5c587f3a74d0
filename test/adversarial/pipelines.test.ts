// Pipelines and queued transactions send many commands in one write: every bound of issue 11
// must apply to each of them exactly as to a command sent on its own, and be checked before
// anything reaches Redis.
import { describe, expect, it } from "vitest";
import { adversarialHooks, expectCleanMessage, expectHarmless, newRunId, observe, open, runAs } from "./support";
import { commandsOf } from "@/lib/runner/test-support";

adversarialHooks();

describe("pipelines are bounded like the commands they carry", () => {
  it("a pipeline of 10,000 commands ends at the command limit before it is sent", async () => {
    const id = newRunId("pipe10k");
    const seen = await observe(() =>
      runAs(id, `${open}const p = r.pipeline();\nfor (let i = 0; i < 10_000; i++) p.incr("n");\nconsole.log((await p.exec()).length);`, { limits: { cpuMs: 5_000 } }),
    );
    const r = seen.value;
    expect(r.error?.code).toBe("command_limit");
    expect(r.output).toEqual([]);
    expect(commandsOf(r)).toHaveLength(0);
    expectCleanMessage(r.error, "Redis commands");
    await expectHarmless([id], seen);
  }, 60_000);

  it("a pipelined command with too many arguments refuses the whole batch", async () => {
    const id = newRunId("pipeargs");
    const seen = await observe(() => runAs(id, `${open}const p = r.pipeline().set("a", "1");\np.rpush("l", ...Array.from({ length: 5_000 }, (_, i) => i));\nawait p.exec();`));
    const r = seen.value;
    expect(r.error?.code).toBe("command_bound");
    expect(r.error?.message).toMatch(/^RPUSH on line 4 has/);
    expect(commandsOf(r)).toHaveLength(0);
    await expectHarmless([id], seen);
  }, 60_000);

  it("WATCH of many keys inside a pipeline meets the per-connection bound", async () => {
    const id = newRunId("pipewatch");
    const seen = await observe(() => runAs(id, `${open}await r.pipeline().watch(...Array.from({ length: 300 }, (_, i) => "w:" + i)).get("w:1").exec();\nconsole.log("watched");`));
    const r = seen.value;
    expect(r.error?.code).toBe("command_bound");
    expect(r.error?.message).toMatch(/watch 300 keys/);
    expect(r.output).toEqual([]);
    await expectHarmless([id], seen);
  }, 60_000);

  it("writes in a pipeline count against the run's memory budget", async () => {
    const id = newRunId("pipemem");
    const big = `"x".repeat(60_000)`;
    const seen = await observe(() => runAs(id, `${open}const p = r.pipeline();\nfor (let i = 0; i < 40; i++) p.set("big:" + i, ${big});\nawait p.exec();`));
    const r = seen.value;
    expect(["command_bound", "write_limit"]).toContain(r.error?.code);
    expect(commandsOf(r)).toHaveLength(0);
    await expectHarmless([id], seen);
  }, 60_000);

  it("commands queued after multi({ pipeline: false }) count one by one", async () => {
    const id = newRunId("clientmulti");
    const seen = await observe(() => runAs(id, `${open}await r.multi({ pipeline: false });\nfor (let i = 0; i < 60; i++) await r.incr("n");\nawait r.exec();`, { limits: { commands: 50 } }));
    const r = seen.value;
    expect(r.error?.code).toBe("command_limit");
    // Nothing ran: the transaction was never executed, and its connection goes back clean.
    expect(commandsOf(r).every((c) => c.name === "MULTI" || c.queued)).toBe(true);
    await expectHarmless([id], seen);
    const next = await runAs(newRunId("afterclientmulti"), `${open}console.log(await r.incr("n"), await r.get("n"));`);
    expect(next.output).toEqual(["1 1"]);
  }, 60_000);
});
