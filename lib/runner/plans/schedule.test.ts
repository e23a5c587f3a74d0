import { describe, expect, it } from "vitest";
import { adminRedis, commandsOf, eventually, leftoverRunKeys, run } from "../test-support";
import { loadCourse } from "../../lessons/loader";
import { RUN_REGISTRY_KEY } from "../../redis/namespace";
import { watchState } from "../../trace/watch-state";
import type { RunResult } from "../types";
import type { SchedulePlan } from "./schema";

const likes = loadCourse().find((u) => u.slug === "update-likes")!;
/** The unit-5 solution, then two concurrent calls: lanes A (new Redis()), B (its own call), C and D. */
const concurrent = `${likes.solution}\n;await Promise.all([updateLikes(99, 1), updateLikes(99, 2)]);\n`;
// A: none (new Redis() sends nothing before the first call); B's call: WATCH GET EXEC QUIT; then A's GET, A's QUIT.
const PROGRAM = "BBBBAA";
/** C and D both WATCH and GET before either EXECs; C commits, D's EXEC is aborted, D retries. */
const BOTH_READ = `${PROGRAM}CCDDCD`;

const schedule = (choices: string, then: SchedulePlan["then"] = "pause", others?: SchedulePlan["others"]) => ({
  source: concurrent,
  setup: likes.setup,
  inspectKeys: ["likes:99"],
  plan: { kind: "schedule" as const, choices, then, ...(others ? { others } : {}) },
});
const runSchedule = (choices: string, then: SchedulePlan["then"] = "pause", others?: SchedulePlan["others"]) => {
  const { source, ...req } = schedule(choices, then, others);
  return run(source, req);
};
const shape = (r: RunResult) => commandsOf(r).map((e) => `${e.client} ${e.name} ${e.args.join(" ")} -> ${JSON.stringify(e.reply ?? e.error ?? null)}`);

describe("schedule plans", () => {
  it("both calls read before either EXECs: the second EXEC is aborted by the first's write and its retry commits", async () => {
    const r = await runSchedule(BOTH_READ, "finish");
    expect(r.status).toBe("ok");
    expect(r.schedule?.taken.startsWith(BOTH_READ)).toBe(true);
    expect(r.schedule?.paused).toBe(false);
    const cmds = commandsOf(r);
    const dExecs = cmds.filter((e) => e.client === "D" && e.name === "EXEC");
    const cExec = cmds.find((e) => e.client === "C" && e.name === "EXEC")!;
    expect(cExec.outcome).toBe("committed");
    expect(dExecs.map((e) => e.outcome)).toEqual(["aborted", "committed"]);
    expect(dExecs[0]!.reply).toBeNull();
    // The abort names C's committed write (its queued SET) on likes:99.
    const culprit = cmds.find((e) => e.seq === dExecs[0]!.conflict)!;
    expect(culprit).toMatchObject({ client: "C", name: "SET", args: ["likes:99", 166] });
    expect(dExecs[0]!.conflictKey).toBe("likes:99");
    const reads = cmds.filter((e) => e.name === "GET" && (e.client === "C" || e.client === "D")).map((e) => `${e.client}=${String(e.reply)}`);
    expect(reads).toEqual(["C=165", "D=165", "D=166"]);
    expect(r.finalState).toEqual({ "likes:99": "168" });
    expect(r.schedule?.lanes.map((l) => `${l.client}:${l.origin}:${l.done}`)).toEqual(["A:program:true", "B:program:true", "C:program:true", "D:program:true"]);
  });

  it("pauses at the end of its choices with each lane's next command, and the watch panel says who dirtied what", async () => {
    const r = await runSchedule(`${PROGRAM}CCDDC`);
    expect(r.status).toBe("ok");
    expect(r.schedule).toMatchObject({ taken: `${PROGRAM}CCDDC`, paused: true });
    expect(r.schedule?.frontier).toEqual([
      { client: "C", name: "QUIT", args: [], line: 17 },
      { client: "D", name: "MULTI", args: [], line: 12, batch: [{ name: "MULTI", args: [] }, { name: "SET", args: ["likes:99", "167"] }, { name: "EXEC", args: [] }] },
    ]);
    expect(r.schedule?.steps.at(-1)).toMatchObject({ client: "C", pending: "CD" });
    // Nothing of D's transaction was sent.
    expect(commandsOf(r).filter((e) => e.client === "D").map((e) => e.name)).toEqual(["WATCH", "GET"]);
    const cExec = commandsOf(r).find((e) => e.client === "C" && e.name === "EXEC")!;
    expect(watchState(r.trace)).toEqual([{ client: "D", key: "likes:99", watchSeq: expect.any(Number), dirtiedBy: { client: "C", seq: cExec.seq } }]);
    expect(r.finalState).toEqual({ "likes:99": "166" });
    expect(r.schedule?.lanes.find((l) => l.client === "D")?.done).toBe(false);
  });

  it("is deterministic, and a shorter schedule replays a prefix of the longer one", async () => {
    const [a, b, short] = await Promise.all([runSchedule(BOTH_READ, "finish"), runSchedule(BOTH_READ, "finish"), runSchedule(BOTH_READ.slice(0, -1))]);
    expect(shape(a)).toEqual(shape(b));
    expect(a.finalState).toEqual(b.finalState);
    expect(a.schedule?.taken).toBe(b.schedule?.taken);
    const long = shape(a);
    const prefix = shape(short);
    expect(prefix.length).toBeGreaterThan(0);
    expect(prefix.length).toBeLessThan(long.length);
    expect(long.slice(0, prefix.length)).toEqual(prefix);
  });

  it("the other order: D commits first, then C's EXEC is aborted", async () => {
    const r = await runSchedule(`${PROGRAM}CCDDDC`, "finish");
    const execs = commandsOf(r).filter((e) => e.name === "EXEC" && (e.client === "C" || e.client === "D"));
    expect(execs.map((e) => `${e.client}:${e.outcome}`)).toEqual(["D:committed", "C:aborted", "C:committed"]);
    expect(r.finalState).toEqual({ "likes:99": "168" });
  });

  it("a letter naming a lane with nothing waiting ends the run with a clear error", async () => {
    const r = await runSchedule(`${PROGRAM}CCE`);
    expect(r.status).toBe("error");
    expect(r.error?.code).toBe("bad_request");
    expect(r.error?.message).toContain("step 9 lets client E go, but only C, D had a command waiting");
    // A letter for a lane that is done (B quit) is refused the same way.
    const done = await runSchedule(`${PROGRAM}B`);
    expect(done.error?.message).toContain("step 7 lets client B go, but only C, D had a command waiting");
  });

  it("other-client lanes come first (A, B) and send their commands one per step, a transaction included", async () => {
    const others = [
      { commands: [{ name: "INCRBY", args: ["likes:99", 10] }] },
      { commands: [{ name: "WATCH", args: ["likes:99"] }, { name: "MULTI", args: [] }, { name: "INCRBY", args: ["likes:99", 100] }, { name: "EXEC", args: [] }] },
    ];
    // Program lanes are now C (new Redis()) and D (its call); E, F are the concurrent calls. B watches; D watches and
    // reads 150; A adds 10, so D's EXEC is aborted and its retry reads 160; C reads and quits; B's transaction runs last.
    const r = await runSchedule("BDDA" + "DDDDD" + "CC" + "BBB", "finish", others);
    expect(r.status).toBe("ok");
    expect(r.trace.clients.slice(0, 2).map((c) => `${c.id} ${c.origin} ${c.label}`)).toEqual(["A plan other client 1", "B plan other client 2"]);
    const cmds = commandsOf(r);
    expect(cmds.filter((e) => e.client === "A").map((e) => e.name)).toEqual(["INCRBY"]);
    const dExecs = cmds.filter((e) => e.client === "D" && e.name === "EXEC");
    expect(dExecs.map((e) => e.outcome)).toEqual(["aborted", "committed"]);
    expect(cmds.find((e) => e.seq === dExecs[0]!.conflict)).toMatchObject({ client: "A", name: "INCRBY" });
    expect(cmds.filter((e) => e.client === "B").map((e) => `${e.name}${e.queued ? " (queued)" : ""}`)).toEqual(["WATCH", "MULTI", "INCRBY (queued)", "EXEC"]);
    expect(cmds.find((e) => e.client === "B" && e.name === "EXEC")?.outcome).toBe("aborted");
    // 150 + 10 (A) + 15 (D's retry) + 1 (E) + 2 (F); B's +100 was aborted.
    expect(r.finalState).toEqual({ "likes:99": "178" });
    expect(r.schedule?.lanes.slice(0, 2).map((l) => l.origin)).toEqual(["plan", "plan"]);
  });

  it("a seeded finish picks lanes at random, the same way for the same seed", async () => {
    const seeded = (seed: number) => run(concurrent, { setup: likes.setup, inspectKeys: ["likes:99"], plan: { kind: "schedule", choices: "", then: "finish", seed } });
    const [a, b, ...more] = await Promise.all([seeded(7), seeded(7), seeded(1), seeded(2), seeded(3)]);
    expect(a!.schedule?.taken).toBe(b!.schedule?.taken);
    expect(shape(a!)).toEqual(shape(b!));
    // Whatever the order, the solution adds up, and the seeds did not all pick the same interleaving.
    for (const r of [a!, ...more]) expect(r.finalState).toEqual({ "likes:99": "168" });
    expect(new Set([a!, ...more].map((r) => r.schedule?.taken)).size).toBeGreaterThan(1);
  });

  it("waits for a guest timer before it counts the run as quiescent: a lane that sleeps is not skipped", async () => {
    const src = `
      import Redis from "ioredis";
      const a = new Redis();
      const b = new Redis();
      await Promise.all([
        (async () => { await sleep(30); await a.incrby("n", 1); })(),
        (async () => { await b.incrby("n", 10); await b.get("n"); })(),
      ]);
    `;
    // The gate waits for A's 30 ms sleep before step 1, so A's INCRBY is waiting then too and may go first.
    const [r, early] = await Promise.all([
      run(src, { inspectKeys: ["n"], plan: { kind: "schedule", choices: "BBA", then: "pause" } }),
      run(src, { inspectKeys: ["n"], plan: { kind: "schedule", choices: "A", then: "pause" } }),
    ]);
    expect(r.status).toBe("ok");
    expect(commandsOf(r).map((e) => `${e.client} ${e.name}`)).toEqual(["B INCRBY", "B GET", "A INCRBY"]);
    expect(r.finalState).toEqual({ n: "11" });
    expect(early.status).toBe("ok");
    expect(commandsOf(early).map((e) => `${e.client} ${e.name}`)).toEqual(["A INCRBY"]);
    expect(early.schedule?.steps[0]).toMatchObject({ client: "A", pending: "AB" });
    expect(r.schedule?.steps[0]).toMatchObject({ client: "B", pending: "AB" });
  });

  it("leaves no keys, run users or run connections behind, paused or finished", async () => {
    // One pauses with an other-client lane inside its MULTI: that connection is not reused.
    const midMulti = runSchedule("AA", "pause", [{ commands: [{ name: "MULTI", args: [] }, { name: "INCRBY", args: ["likes:99", 1] }, { name: "EXEC", args: [] }] }]);
    const results = await Promise.all([runSchedule(`${PROGRAM}CCDD`), runSchedule(BOTH_READ, "finish"), runSchedule("X"), midMulti]);
    expect(results.map((r) => r.status)).toEqual(["ok", "ok", "error", "ok"]);
    expect(results[3]!.schedule?.frontier[0]).toMatchObject({ client: "A", name: "EXEC" });
    const ids = results.map((r) => r.runId);
    await eventually(async () => {
      expect((await leftoverRunKeys()).filter((k) => ids.some((id) => k.startsWith(`{r:${id}}`)))).toEqual([]);
      const users = (await adminRedis().acl("USERS")) as string[];
      expect(users.filter((u) => ids.some((id) => u === `pg-run-${id}`))).toEqual([]);
      const clients = (await adminRedis().client("LIST")) as string;
      for (const id of ids) expect(clients).not.toContain(`user=pg-run-${id}`);
      for (const id of ids) expect(await adminRedis().zscore(RUN_REGISTRY_KEY, id)).toBeNull();
    });
  });
});
