// The CLI exits right after its run: a cleanup still queued then (UNLINK, ACL DELUSER, registry
// ZREM) never reached Redis, so every CLI run left a key, a user and a registry entry behind.
import { describe, expect, it } from "vitest";
import { runCli } from "./cli";
import { adversarialHooks, expectHarmless, observe, open } from "./support";

adversarialHooks();

describe("the CLI leaves nothing behind", () => {
  it("a correct program", async () => {
    const seen = await observe(() => runCli(`${open}await r.set("balance:1", "100");\nconsole.log(await r.incrby("balance:1", 50));`));
    const { exitCode, result } = seen.value;
    expect.soft(exitCode).toBe(0);
    expect.soft(result.output).toEqual(["150"]);
    await expectHarmless([result.runId], seen);
  }, 60_000);

  it("a program that fails", async () => {
    const seen = await observe(() => runCli(`${open}await r.set("s", "text");\nawait r.incr("s");`));
    const { exitCode, result } = seen.value;
    expect.soft(exitCode).toBe(1);
    expect.soft(result.error?.code).toBe("runtime");
    await expectHarmless([result.runId], seen);
  }, 60_000);
});
