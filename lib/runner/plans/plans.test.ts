import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { adminRedis, commandsOf, run } from "../test-support";
import { sendControl } from "./control";
import { loadCourse } from "../../lessons/loader";
import type { CommandEvent } from "../../trace";

const course = loadCourse();
const balance = course[0]!;

const execs = (events: CommandEvent[]) => events.filter((e) => e.name === "EXEC");

describe("interference plans", () => {
  it("a staged conflict aborts the first EXEC, names the other client's write, and the retry commits", async () => {
    const r = await run(balance.starter, {
      setup: balance.setup,
      inspectKeys: balance.inspectKeys,
      plan: { kind: "conflict", attempts: [1], write: { name: "INCRBY", args: ["balance:1", 7] } },
    });
    expect(r.status).toBe("ok");
    const cmds = commandsOf(r);
    const [first, second] = execs(cmds);
    expect(first?.outcome).toBe("aborted");
    expect(first?.reply).toBeNull();
    const culprit = cmds.find((e) => e.seq === first?.conflict);
    expect(culprit).toMatchObject({ name: "INCRBY", args: ["balance:1", 7] });
    expect(r.trace.clients.find((c) => c.id === culprit?.client)?.origin).toBe("plan");
    expect(first?.conflictKey).toBe("balance:1");
    expect(second?.outcome).toBe("committed");
    // Both writes are in the final value: 100 + 7 from the other client + 50 from the program.
    expect(r.finalState).toEqual({ "balance:1": "157" });
    // The program read the old value before the other client wrote.
    const reads = cmds.filter((e) => e.name === "GET" && e.client === first?.client);
    expect(reads[0]?.reply).toBe("100");
    expect(reads[1]?.reply).toBe("107");
  });

  it("conflicts on attempts 1, 2 and 3: it keeps retrying and finishes", async () => {
    const r = await run(balance.starter, { setup: balance.setup, inspectKeys: balance.inspectKeys, plan: { kind: "conflict", attempts: [1, 2, 3] } });
    expect(execs(commandsOf(r)).map((e) => e.outcome)).toEqual(["aborted", "aborted", "aborted", "committed"]);
    expect(r.finalState).toEqual({ "balance:1": "153" });
    expect(r.trace.events.filter((e) => e.kind === "interference")).toHaveLength(3);
  });

  it("a concurrent writer: N writes every T ms while the program runs", async () => {
    const r = await run(balance.starter, {
      setup: balance.setup,
      inspectKeys: balance.inspectKeys,
      plan: { kind: "writer", write: { name: "INCRBY", args: ["balance:1", 2] }, times: 20, everyMs: 1 },
    });
    expect(r.status).toBe("ok");
    const writes = commandsOf(r).filter((e) => e.name === "INCRBY");
    expect(writes).toHaveLength(20);
    expect(r.finalState).toEqual({ "balance:1": String(100 + 50 + 40) });
  });

  it("step mode pauses before each command until a signal arrives through Redis; inject lets B write", async () => {
    const runId = `step-${randomBytes(6).toString("hex")}`;
    const pending = run(balance.starter, { runId, setup: balance.setup, inspectKeys: balance.inspectKeys, plan: { kind: "step", idleTimeoutMs: 5000 }, stream: true });
    const redis = adminRedis();
    const events = `{r:${runId}}#events`;
    let last = "0";
    // Reads the run's event stream (what the race lab's SSE route does) until a pause shows up.
    const nextPause = async () => {
      for (;;) {
        const res = (await redis.xread("BLOCK", 5000, "STREAMS", events, last)) as [string, [string, string[]][]][] | null;
        if (!res) throw new Error("no event within 5 s");
        for (const [id, fields] of res[0]![1]) {
          last = id;
          const e = JSON.parse(fields[1]!) as { kind: string; name?: string };
          if (e.kind === "pause") return e.name;
        }
      }
    };
    expect(await nextPause()).toBe("WATCH");
    await sendControl(redis, runId, { type: "step" });
    expect(await nextPause()).toBe("GET");
    await sendControl(redis, runId, { type: "step" });
    expect(await nextPause()).toBe("MULTI");
    await sendControl(redis, runId, { type: "inject", write: { name: "INCRBY", args: ["balance:1", 10] } });
    await sendControl(redis, runId, { type: "resume" });
    const r = await pending;
    expect(r.status).toBe("ok");
    expect(execs(commandsOf(r)).map((e) => e.outcome)).toEqual(["aborted", "committed"]);
    expect(r.finalState).toEqual({ "balance:1": "160" });
    // The finished run stays replayable.
    const stored = JSON.parse((await redis.get(`{r:${runId}}#result`))!) as { status: string };
    expect(stored.status).toBe("ok");
    expect(await redis.ttl(events)).toBeGreaterThan(23 * 3600);
    await redis.del(events, `{r:${runId}}#result`);
  });

  it("a step-mode run nobody steps ends after its idle timeout with a clear message", async () => {
    const r = await run(balance.starter, { setup: balance.setup, plan: { kind: "step", idleTimeoutMs: 1000 } });
    expect(r.status).toBe("timeout");
    expect(r.error?.message).toMatch(/Nobody stepped this run for 1 s/);
  });

  it("a stop signal ends a stepped run", async () => {
    const runId = `stop-${randomBytes(6).toString("hex")}`;
    const pending = run(balance.starter, { runId, setup: balance.setup, plan: { kind: "step" } });
    await sendControl(adminRedis(), runId, { type: "stop" });
    const r = await pending;
    expect(r.error?.code).toBe("stopped");
  });

  it("in a real race every aborted EXEC names the write that dirtied its key", async () => {
    const race = course[2]!;
    const r = await run(race.starter, { setup: race.setup, inspectKeys: race.inspectKeys });
    expect(r.finalState).toEqual(race.expected.finalState);
    const cmds = commandsOf(r);
    for (const e of execs(cmds).filter((x) => x.outcome === "aborted")) {
      const culprit = cmds.find((c) => c.seq === e.conflict);
      expect(culprit, `EXEC #${e.seq} without its conflict`).toBeDefined();
      expect(culprit!.client).not.toBe(e.client);
      expect(culprit!.seq).toBeLessThan(e.seq);
    }
  });

  it("rejects a malformed plan with a clear message", async () => {
    const r = await run(balance.starter, { plan: { kind: "conflict", attempts: [] } });
    expect(r.error?.code).toBe("bad_request");
    expect(r.error?.message).toMatch(/plan/);
  });
});
