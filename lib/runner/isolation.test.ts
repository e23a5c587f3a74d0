import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { RUN_REGISTRY_KEY } from "../redis/janitor";
import { adminRedis, leftoverRunKeys, run } from "./test-support";

const open = `import Redis from "ioredis";\nconst r = new Redis();\n`;

describe("runs are isolated from each other and leave nothing behind", () => {
  it("two concurrent runs using the same key names never see each other's data", async () => {
    const prog = (mine: string) =>
      `${open}await r.set("shared", "${mine}");\nawait sleep(30);\nconsole.log(await r.get("shared"), await r.exists("other"));\nawait r.set("other", 1);`;
    const [a, b] = await Promise.all([run(prog("from-a")), run(prog("from-b"))]);
    expect(a.output).toEqual(["from-a 0"]);
    expect(b.output).toEqual(["from-b 0"]);
  });

  it("setup keys are per run too", async () => {
    const setup = [["SET", "balance:1", "100"]];
    const [a, b] = await Promise.all([
      run(`${open}await r.incrby("balance:1", 5);`, { setup, inspectKeys: ["balance:1"] }),
      run(`${open}await r.incrby("balance:1", 7);`, { setup, inspectKeys: ["balance:1"] }),
    ]);
    expect(a.finalState).toEqual({ "balance:1": "105" });
    expect(b.finalState).toEqual({ "balance:1": "107" });
  });

  it("after runs (ok, failed, limited) no keys, run users, run connections or registrations remain", async () => {
    const results = await Promise.all([
      run(`${open}await r.set("x", 1); await r.hset("h", { a: 1 }); await r.rpush("l", 1, 2);`),
      run(`${open}await r.set("y", 1);\nthrow new Error("late failure");`),
      run(`${open}for (;;) await r.incr("z");`, { limits: { commands: 20 } }),
      run(`${open}const d = r.duplicate();\nawait d.watch("w");\nawait d.get("w");`),
    ]);
    expect(await leftoverRunKeys()).toEqual([]);
    const users = (await adminRedis().acl("USERS")) as string[];
    // lib/redis/janitor.test.ts, running in parallel, briefly owns fake run users `pg-run-jan-*`.
    expect(users.filter((u) => u.startsWith("pg-run-") && !u.startsWith("pg-run-jan-"))).toEqual([]);
    const clients = (await adminRedis().client("LIST")) as string;
    expect(clients).not.toMatch(/user=pg-run-/);
    for (const r of results) expect(await adminRedis().zscore(RUN_REGISTRY_KEY, r.runId)).toBeNull();
  });

  it("a run is registered with the janitor while it runs, and its keys get no hidden TTL", async () => {
    const runId = `iso-${randomBytes(6).toString("hex")}`;
    const pending = run(`${open}await r.set("k", "v");\nconsole.log(await r.ttl("k"));\nawait sleep(300);`, { runId });
    let done = false;
    const stopPolling = () => void (done = true);
    pending.then(stopPolling, stopPolling);
    let deadline: string | null = null;
    while (!done && deadline === null) {
      deadline = await adminRedis().zscore(RUN_REGISTRY_KEY, runId);
      if (deadline === null) await new Promise((res) => setTimeout(res, 5));
    }
    const r = await pending;
    expect(r.status).toBe("ok");
    expect(r.output).toEqual(["-1"]);
    // Registered while running, with a deadline past the wall limit; gone once the run ended.
    expect(Number(deadline)).toBeGreaterThan(Date.now());
    expect(await adminRedis().zscore(RUN_REGISTRY_KEY, runId)).toBeNull();
  });

  it("runs authenticate as a throwaway ACL user limited to their own keys", async () => {
    const r = await run(`${open}console.log(await r.ping());`);
    expect(r.status).toBe("ok");
    // The run's user exists only while it runs; its rules allow only the run's own key pattern.
    const { runUser } = await import("../redis/acl");
    const u = runUser("abcdef");
    expect(u.rules).toContain("~{r:abcdef}:*");
    expect(u.rules).toContain("-@dangerous");
  });
});
