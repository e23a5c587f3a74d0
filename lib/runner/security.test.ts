import { describe, expect, it } from "vitest";
import { run, commandsOf } from "./test-support";

const open = `import Redis from "ioredis";\nconst r = new Redis();\n`;

describe("forbidden commands are refused by name, at the learner's line", () => {
  const cases: [string, string, RegExp][] = [
    ["keys", `await r.keys("*");`, /KEYS isn't allowed.*whole database/],
    ["scan", `await r.scan("0");`, /SCAN isn't allowed/],
    ["flushall", `await r.flushall();`, /FLUSHALL isn't allowed.*wipe/],
    ["flushdb", `await r.flushdb();`, /FLUSHDB isn't allowed/],
    ["config", `await r.config("GET", "*");`, /CONFIG isn't allowed.*administers/],
    ["eval", `await r.eval("return 1", 0);`, /EVAL isn't allowed.*scripts/],
    ["function", `await r.function("LIST");`, /FUNCTION isn't allowed/],
    ["select", `await r.select(1);`, /SELECT isn't allowed.*outside/],
    ["client", `await r.client("LIST");`, /CLIENT isn't allowed/],
    ["monitor", `await r.monitor();`, /MONITOR isn't allowed/],
    ["debug", `await r.debug("SLEEP", 1);`, /DEBUG isn't allowed/],
    ["info", `await r.info();`, /INFO isn't allowed/],
    ["acl", `await r.acl("LIST");`, /ACL isn't allowed/],
    ["shutdown", `await r.shutdown();`, /SHUTDOWN isn't allowed/],
    ["blocking", `await r.blpop("q", 0);`, /BLPOP isn't allowed.*blocking/],
    ["pubsub", `await r.publish("c", "m");`, /PUBLISH isn't allowed.*pub\/sub/],
    ["raw call: the allowlist applies to the command call() names", `await r.call("FLUSHALL");`, /FLUSHALL isn't allowed.*wipe/],
    ["inside multi", `await r.multi().flushall().exec();`, /FLUSHALL isn't allowed/],
  ];
  for (const [name, line, message] of cases) {
    it(name, async () => {
      const res = await run(`${open}${line}`);
      expect(res.status).toBe("error");
      expect(res.error?.code).toBe("forbidden_command");
      expect(res.error?.message).toMatch(message);
      expect(res.error?.line).toBe(3);
      expect(commandsOf(res)).toHaveLength(0);
    });
  }
});

describe("WATCH queued inside multi() is Redis's business (issue 13)", () => {
  it("in the client's own MULTI, watch() rejects with Redis's own error", async () => {
    const res = await run(`${open}await r.multi({ pipeline: false });\nawait r.watch("k").catch((e) => console.log(e.message));\nconsole.log(await r.exec());`);
    expect(res.error).toBeUndefined();
    expect(res.output).toEqual(["ERR WATCH inside MULTI is not allowed", "[]"]);
  });

  it("chained in multi(), it is sent, and EXEC runs the rest (as ioredis does)", async () => {
    const res = await run(`${open}console.log(await r.multi().set("k", "1").watch("k").exec());`);
    expect(res.error).toBeUndefined();
    expect(res.output).toEqual(["[ [ null, 'OK' ] ]"]);
  });
});

describe("the sandbox keeps learner code away from the host", () => {
  it("no host globals", async () => {
    const r = await run(`
      console.log(typeof process, typeof require === "function", typeof fetch, typeof Buffer, typeof globalThis.__call, typeof WebAssembly);
    `);
    expect(r.output).toEqual(["undefined true undefined undefined undefined undefined"]);
  });

  it("imports other than ioredis are an error naming them", async () => {
    const r = await run(`import fs from "fs";\nconsole.log(fs);`);
    expect(r.error?.code).toBe("forbidden_import");
    expect(r.error?.message).toContain('"fs"');
    expect(r.error?.line).toBe(1);
    const r2 = await run(`import { exec } from "node:child_process";\nexec("ls");`);
    expect(r2.error?.message).toContain('"node:child_process"');
  });

  it("constructor.constructor reaches only the guest's own Function", async () => {
    const r = await run(`
      const F = (() => {}).constructor.constructor;
      const g = F("return this")();
      console.log(typeof g.process, F("return typeof process")());
      const viaClient = (${"`${1}`"}).constructor.constructor("return typeof require")();
      console.log(viaClient);
    `);
    expect(r.status).toBe("ok");
    expect(r.output).toEqual(["undefined undefined", "function"]);
  });

  it("prototype tricks on the bridge find nothing to abuse", async () => {
    const r = await run(`
      ${open.trim()}
      const proto = Object.getPrototypeOf(r);
      let frozen = false;
      try { proto.get = () => "hacked"; } catch { frozen = true; }
      console.log(frozen, Object.isFrozen(proto), typeof (r as any).__proto__.call);
      (Object.prototype as any).c = 99;
      (Array.prototype as any).push = () => 0;
      await r.set("k", "v");
      console.log(await r.get("k"));
      const fake = Object.create(Object.getPrototypeOf(r));
      try { await fake.get("k"); } catch (e) { console.log("fake:", (e as Error).message); }
    `);
    expect(r.status).toBe("ok");
    expect(r.output[0]).toBe("true true function");
    expect(r.output[1]).toBe("v");
    expect(r.output[2]).toMatch(/^fake: This is not a Redis connection/);
  });

  it("the client is not thenable: await redis returns it instead of hanging", async () => {
    const r = await run(`${open}const same = await r;\nconsole.log(same === r, "then" in r, typeof (r as any).then);`);
    expect(r.status).toBe("ok");
    expect(r.output).toEqual(["true false undefined"]);
  });

  it("keys, replies and errors never show the run's prefix", async () => {
    const r = await run(`${open}await r.set("k", "v");\ntry { await r.incr("k"); } catch (e) { console.log((e as Error).message); }\nawait r.rename("k", "k2");\nconsole.log(await r.exists("k2"));`);
    expect(r.status).toBe("ok");
    const all = JSON.stringify(r);
    expect(all).not.toMatch(/\{r:/);
    expect(r.output[0]).toMatch(/not an integer/);
  });
});

describe("errors are reported at the learner's line and column", () => {
  it("syntax error", async () => {
    const r = await run(`const a = 1;\nconst b = ;\nconsole.log(a);`);
    expect(r.status).toBe("error");
    expect(r.error?.code).toBe("syntax");
    expect(r.error?.line).toBe(2);
    expect(r.error?.column).toBe(11);
    expect(r.error?.message).toMatch(/line 2/);
  });

  it("runtime error", async () => {
    const r = await run(`const a = 1;\nfunction f(x: any) {\n  return x.y.z;\n}\nf({});`);
    expect(r.error?.code).toBe("runtime");
    expect(r.error?.message).toMatch(/TypeError/);
    expect(r.error?.line).toBe(3);
    expect(r.error?.column).toBeGreaterThan(0);
  });

  it("runtime error after an await, inside an async function", async () => {
    const r = await run(`${open}async function f() {\n  await r.ping();\n  throw new Error("boom");\n}\nawait f();`);
    expect(r.error?.message).toBe("Error: boom");
    expect(r.error?.line).toBe(5);
  });

  it("an uncaught Redis error points at the command's line", async () => {
    const r = await run(`${open}await r.set("s", "text");\n\nawait r.incr("s");`);
    expect(r.error?.code).toBe("runtime");
    expect(r.error?.message).toMatch(/ReplyError: ERR value is not an integer/);
    expect(r.error?.line).toBe(5);
  });

  it("a caught Redis error lets the program go on", async () => {
    const r = await run(`${open}await r.set("s", "text");\ntry { await r.incr("s"); } catch { console.log("caught"); }\nconsole.log("after");`);
    expect(r.status).toBe("ok");
    expect(r.output).toEqual(["caught", "after"]);
  });

  it("no host paths or host stack frames in errors", async () => {
    const r = await run(`null!.x;`);
    expect(JSON.stringify(r.error)).not.toMatch(/\/work|node_modules|\.engine|at .*\.js|playground-runtime/);
  });
});
