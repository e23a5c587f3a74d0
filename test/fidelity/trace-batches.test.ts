/**
 * How pipelines and the client's own MULTI appear in the trace (lib/trace/types.ts): a pipeline
 * is one group of commands (`batch`, the seq of its first) each with its own reply; commands
 * after multi({ pipeline: false }) are queued and EXEC carries the outcome.
 */
import { describe, expect, it } from "vitest";
import { commandsOf, run } from "../../lib/runner/test-support";

const open = `import Redis from "ioredis";\nconst redis = new Redis();\n`;

describe("batches in the trace", () => {
  it("a pipeline is one group, each command with its reply or error", async () => {
    const r = await run(`${open}await redis.set("t", "x");\nawait redis.pipeline().set("foo", "bar").get("foo").incr("t").exec();\nawait redis.get("foo");`);
    const cmds = commandsOf(r).map((c) => ({ name: c.name, batch: c.batch, reply: c.reply, error: c.error, queued: c.queued }));
    const first = cmds[1]!.batch;
    expect(first).toBe(commandsOf(r)[1]!.seq);
    expect(cmds).toEqual([
      { name: "SET", batch: undefined, reply: "OK", error: undefined, queued: false },
      { name: "SET", batch: first, reply: "OK", error: undefined, queued: false },
      { name: "GET", batch: first, reply: "bar", error: undefined, queued: false },
      { name: "INCR", batch: first, reply: undefined, error: "ERR value is not an integer or out of range", queued: false },
      { name: "GET", batch: undefined, reply: "bar", error: undefined, queued: false },
    ]);
  });

  it("an inline transaction inside a pipeline shows its queued commands and its outcome", async () => {
    const r = await run(`${open}await redis.pipeline().get("a").multi().set("a", "1").exec().get("a").exec();`);
    const cmds = commandsOf(r);
    expect(cmds.map((c) => [c.name, c.queued, c.outcome])).toEqual([
      ["GET", false, undefined],
      ["MULTI", false, undefined],
      ["SET", true, undefined],
      ["EXEC", false, "committed"],
      ["GET", false, undefined],
    ]);
    expect(new Set(cmds.map((c) => c.batch)).size).toBe(1);
  });

  it("multi({ pipeline: false }): commands answer QUEUED, EXEC commits, WATCH conflicts abort", async () => {
    const r = await run(
      `${open}const other = redis.duplicate();\nawait redis.watch("k");\nawait redis.multi({ pipeline: false });\nawait redis.set("k", "mine");\nawait other.set("k", "theirs");\nconsole.log(await redis.exec(), await redis.get("k"));\nawait other.quit();`,
    );
    expect(r.output).toEqual(["null theirs"]);
    const cmds = commandsOf(r);
    const queuedSet = cmds.find((c) => c.name === "SET" && c.client === "A")!;
    expect(queuedSet).toMatchObject({ queued: true, reply: "QUEUED" });
    const exec = cmds.find((c) => c.name === "EXEC")!;
    expect(exec.outcome).toBe("aborted");
    expect(exec.conflict).toBe(cmds.find((c) => c.name === "SET" && c.client === "B")!.seq);
    expect(r.watchLeftOn).toEqual([]);
  });

  it("the staged conflict plan still works for a flow that reads through a pipeline", async () => {
    const r = await run(
      `${open}for (;;) {\n  const [[, , ], [, v]] = await redis.pipeline().watch("c").get("c").exec();\n  const res = await redis.multi().set("c", Number(v ?? 0) + 1).exec();\n  if (res) break;\n  console.log("retry");\n}\nconsole.log(await redis.get("c"));`,
      { plan: { kind: "conflict", attempts: [1] } },
    );
    expect(r.output).toEqual(["retry", "2"]);
  });
});
