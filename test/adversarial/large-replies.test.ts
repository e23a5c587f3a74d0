// What comes back must be bounded too: a large value read a few hundred times grew the host by
// over 1 GB, and a 200-byte program with tens of thousands of arguments returned a 6 MB result.
import { describe, expect, it } from "vitest";
import { keyPrefix } from "@/lib/redis/namespace";
import { adminRedis, adversarialHooks, expectCleanMessage, expectHarmless, MB, newRunId, observe, open, resultBytes, runAs } from "./support";

adversarialHooks();

/** The host's resident memory (the sandbox workers are threads of this process), sampled while `work` runs. */
async function rssGrowth<T>(work: () => Promise<T>): Promise<{ value: T; growth: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  try {
    const value = await work();
    return { value, growth: Math.max(peak, process.memoryUsage.rss()) - before };
  } finally {
    clearInterval(timer);
  }
}

describe("replies and results stay small whatever the program reads", () => {
  it("a 512 KB value read 300 times (150 MB of replies)", async () => {
    const id = newRunId("reply");
    // A program can't store 512 KB itself (one value is bounded): it is put in the run's namespace
    // beforehand, as a value another client left there would be.
    await adminRedis().set(`${keyPrefix(id)}big`, "x".repeat(512 * 1024));
    const src = `${open}let total = 0;\nfor (let i = 0; i < 300; i++) total += (await r.get("big"))!.length;\nconsole.log("read", total);`;
    const { value: seen, growth } = await rssGrowth(() => observe(() => runAs(id, src)));
    const r = seen.value;
    expect.soft(r.error?.code).toBe("reply_limit");
    expect.soft(r.output).toEqual([]);
    expectCleanMessage(r.error, "GET");
    expect.soft(resultBytes(r), "the run's result stays under 1 MB").toBeLessThan(MB);
    expect.soft(growth, "the host's memory stayed bounded").toBeLessThan(256 * MB);
    await expectHarmless([id], seen);
  }, 60_000);

  it("a 60 KB value read 300 times (18 MB of replies, each within the one-reply bound)", async () => {
    const id = newRunId("replies");
    const src = `${open}await r.set("v", "x".repeat(60 * 1024));\nlet total = 0;\nfor (let i = 0; i < 300; i++) total += (await r.get("v"))!.length;\nconsole.log("read", total);`;
    const seen = await observe(() => runAs(id, src));
    const r = seen.value;
    expect.soft(r.error?.code).toBe("reply_limit");
    expect.soft(r.output).toEqual([]);
    expectCleanMessage(r.error);
    expect.soft(resultBytes(r)).toBeLessThan(MB);
    await expectHarmless([id], seen);
  }, 60_000);

  it("hgetall of a large hash, a few times", async () => {
    const id = newRunId("hgetall");
    const src = `${open}const v = "v".repeat(200);\nfor (let j = 0; j < 4; j++) { const o: Record<string, string> = {}; for (let i = 0; i < 1000; i++) o["f" + j + ":" + i] = v; await r.hset("h", o); }\nfor (let i = 0; i < 200; i++) await r.hgetall("h");\nconsole.log("done");`;
    const seen = await observe(() => runAs(id, src));
    const r = seen.value;
    // 4,000 fields of 200 bytes: 800 KB (within the write budget); read 200 times: 160 MB.
    expect.soft(["reply_limit", "write_limit", "command_bound"]).toContain(r.error?.code);
    expect.soft(resultBytes(r)).toBeLessThan(MB);
    await expectHarmless([id], seen);
  }, 60_000);

  it("commands with 40,000 arguments keep the result under 1 MB", async () => {
    const id = newRunId("args");
    const src = `${open}const keys = Array.from({ length: 40_000 }, (_, i) => "k" + i);\nfor (let j = 0; j < 5; j++) console.log(await r.exists(...keys));`;
    const seen = await observe(() => runAs(id, src));
    const r = seen.value;
    // Either refused (arguments per command) or run with a bounded trace.
    if (r.error) {
      expect.soft(r.error.code).toBe("command_bound");
      expectCleanMessage(r.error, "EXISTS");
    } else expect.soft(r.trace.truncated || r.trace.events.length > 0).toBe(true);
    expect.soft(resultBytes(r), "the run's result stays under 1 MB").toBeLessThan(MB);
    await expectHarmless([id], seen);
  }, 60_000);

  it("20,000 trace events of long arguments keep the result under 1 MB", async () => {
    const id = newRunId("events");
    const src = `${open}const v = "z".repeat(150);\nfor (let i = 0; i < 4900; i++) await r.echo(v + i);\nconsole.log("done");`;
    // Thousands of bridged calls on purpose: CPU room, so a busy machine can't end the run on its
    // CPU limit with a command in flight (which rightly leaves the run to the janitor).
    const seen = await observe(() => runAs(id, src, { limits: { cpuMs: 5_000 } }));
    const r = seen.value;
    expect.soft(r.output, "the program ran to its end").toContain("done");
    expect.soft(resultBytes(r), "the run's result stays under 1 MB").toBeLessThan(MB);
    await expectHarmless([id], seen);
  }, 60_000);
});
