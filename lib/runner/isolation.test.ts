import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { RUN_REGISTRY_KEY } from "../redis/janitor";
import Redis from "ioredis";
import { adminRedis, eventually, leftoverRunKeys, run } from "./test-support";

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

  it("reads the final state of every inspected key, whatever its type, with or without a connection", async () => {
    const inspectKeys = ["s", "h", "l", "missing", "balance:1"];
    const setup = [["SET", "balance:1", "100"]];
    const used = await run(`${open}await r.set("s", "v"); await r.hset("h", { a: "1" }); await r.rpush("l", "x", "y");`, { setup, inspectKeys });
    expect(used.finalState).toEqual({ s: "v", h: { a: "1" }, l: ["x", "y"], missing: null, "balance:1": "100" });
    const untouched = await run(`console.log("no redis at all");`, { setup, inspectKeys: ["balance:1", "missing"] });
    expect(untouched.finalState).toEqual({ "balance:1": "100", missing: null });
  });

  it("after runs (ok, failed, limited) no keys, run users, run connections or registrations remain", async () => {
    const results = await Promise.all([
      run(`${open}await r.set("x", 1); await r.hset("h", { a: 1 }); await r.rpush("l", 1, 2);`),
      run(`${open}await r.set("y", 1);\nthrow new Error("late failure");`),
      run(`${open}for (;;) await r.incr("z");`, { limits: { commands: 20 } }),
      run(`${open}const d = r.duplicate();\nawait d.watch("w");\nawait d.get("w");`),
      // Prepared on a connection the program never claims: it must come back all the same.
      run(`console.log("no connection at all");`, { setup: [["SET", "k", "1"]], inspectKeys: ["k"] }),
    ]);
    // The namespace is dropped just after the result is returned (see CleanupQueue).
    await eventually(async () => {
      // Only these runs' traces are checked: other test files run programs at the same time.
      const ids = results.map((r) => r.runId);
      expect((await leftoverRunKeys()).filter((k) => ids.some((id) => k.startsWith(`{r:${id}}`)))).toEqual([]);
      const users = (await adminRedis().acl("USERS")) as string[];
      expect(users.filter((u) => ids.some((id) => u === `pg-run-${id}`))).toEqual([]);
      const clients = (await adminRedis().client("LIST")) as string;
      for (const id of ids) expect(clients).not.toContain(`user=pg-run-${id}`);
      for (const id of ids) expect(await adminRedis().zscore(RUN_REGISTRY_KEY, id)).toBeNull();
    });
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
    await eventually(async () => expect(await adminRedis().zscore(RUN_REGISTRY_KEY, runId)).toBeNull());
  });

  it("runs authenticate as a throwaway ACL user limited to their own keys and the allowlist", async () => {
    const r = await run(`${open}console.log(await r.ping());`);
    expect(r.status).toBe("ok");
    // The same user a run gets, tried for real: its own keys and allowed commands only.
    const { runUser } = await import("../redis/acl");
    const id = `acl${randomBytes(6).toString("hex")}`;
    const u = runUser(id);
    await adminRedis().acl("SETUSER", u.username, ...u.rules);
    const conn = new Redis(process.env.REDIS_URL!, { username: u.username, password: u.password, maxRetriesPerRequest: 0 });
    try {
      expect(await conn.set(`{r:${id}}:k`, "v")).toBe("OK");
      expect(await conn.multi().incr(`{r:${id}}:n`).exec()).toEqual([[null, 1]]);
      await expect(conn.set("someone-else:k", "v")).rejects.toThrow(/NOPERM/);
      await expect(conn.keys("*")).rejects.toThrow(/NOPERM/);
      await expect(conn.call("FLUSHALL")).rejects.toThrow(/NOPERM/);
      await expect(conn.call("CONFIG", "GET", "maxmemory")).rejects.toThrow(/NOPERM/);
      await expect(conn.call("EVAL", "return 1", "0")).rejects.toThrow(/NOPERM/);
    } finally {
      conn.disconnect();
      await adminRedis().del(`{r:${id}}:k`, `{r:${id}}:n`);
      await adminRedis().acl("DELUSER", u.username);
    }
  });
});
