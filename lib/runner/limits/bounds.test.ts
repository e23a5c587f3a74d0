// Bounds before sending: each program tries one, and must be refused with "command_bound" at its
// line, naming the command and the bound - and Redis (seen through MONITOR) never got the command.
import { describe, expect, it } from "vitest";
import { run } from "../test-support";
import { fromSource, monitorRedis, runCommands, type Seen } from "./bounds-support";
import type { RunRequest, RunResult } from "../types";

const open = `import Redis from "ioredis";\nconst r = new Redis();\n`;

/** Runs the program and returns what Redis received from it (prefix taken off). */
async function tryIt(src: string, req: Omit<RunRequest, "source"> = {}): Promise<{ res: RunResult; seen: Seen[] }> {
  const mon = await monitorRedis();
  const res = await run(src, req);
  return { res, seen: runCommands(await mon.stop(), res.runId) };
}

function expectRefused(res: RunResult, line: number, message: RegExp): void {
  expect(res.status).toBe("limit");
  expect(res.error?.code).toBe("command_bound");
  expect(res.error?.line).toBe(line);
  expect(res.error?.message).toMatch(message);
  expect(res.error?.message).toContain(`on line ${line}`);
}

const names = (seen: Seen[]) => seen.map((s) => s.args[0]);
const keys = (n: number, p: string) => `...Array.from({ length: ${n} }, (_, i) => "${p}" + i)`;

describe("arguments", () => {
  it("more than 1,000 arguments in one command", async () => {
    const { res, seen } = await tryIt(`${open}await r.set("before", "1");\nawait r.rpush("l", ${keys(1000, "v")});`);
    expectRefused(res, 4, /^RPUSH on line 4 has 1001 arguments, more than the 1000/);
    expect(names(seen)).toEqual(["set"]);
  });

  it("a huge array is refused before it is even flattened", async () => {
    const { res, seen } = await tryIt(`${open}await r.set("before", "1");\nawait r.sadd("s", Array.from({ length: 200_000 }, (_, i) => i));`);
    expectRefused(res, 4, /^SADD on line 4 has 200001 arguments, more than the 1000/);
    expect(names(seen)).toEqual(["set"]);
  });

  it("a value over 64 KB", async () => {
    const { res, seen } = await tryIt(`${open}await r.set("before", "1");\nawait r.set("v", "x".repeat(70_000));`);
    expectRefused(res, 4, /^SET on line 4 would store a value of 68\.4 KB, more than the 64 KB/);
    expect(seen.filter((s) => s.args[1] === "v")).toEqual([]);
  });

  it("a SETRANGE offset past the value bound", async () => {
    const { res, seen } = await tryIt(`${open}await r.set("before", "1");\nawait r.setrange("s", 10_000_000, "x");`);
    expectRefused(res, 4, /^SETRANGE on line 4 would make a string of 9765\.7 KB \(offset plus value\)/);
    expect(names(seen)).toEqual(["set"]);
  });

  it("an SRANDMEMBER count that would repeat members a million times", async () => {
    const { res, seen } = await tryIt(`${open}await r.sadd("s", "a");\nawait r.srandmember("s", -1_000_000);`);
    expectRefused(res, 4, /^SRANDMEMBER on line 4 asks for 1000000 items, more than the 1000/);
    expect(names(seen)).toEqual(["sadd"]);
  });

  it("APPEND growing a value past 64 KB", async () => {
    const { res, seen } = await tryIt(`${open}for (;;) await r.append("a", "x".repeat(10_000));`);
    expectRefused(res, 3, /^APPEND on line 3 would store a value of 68\.4 KB/);
    expect(names(seen)).toEqual(Array(6).fill("append"));
  });
});

describe("watched keys", () => {
  it("one WATCH of 300 keys", async () => {
    const { res, seen } = await tryIt(`${open}await r.set("before", "1");\nawait r.watch(${keys(300, "k")});`);
    expectRefused(res, 4, /^WATCH on line 4 would make one connection watch 300 keys, more than the 256/);
    expect(names(seen)).toEqual(["set"]);
  });

  it("watches that add up on one connection, sent at once", async () => {
    const { res, seen } = await tryIt(`${open}await r.watch(${keys(200, "a")});\nawait Promise.all([r.watch(${keys(50, "b")}), r.watch(${keys(50, "c")})]);`);
    expectRefused(res, 4, /^WATCH on line 4 would make one connection watch 300 keys/);
    // The run ends at the refusal: the WATCH of b* that fitted may not have gone out either.
    expect(names(seen)[0]).toBe("watch");
    expect(seen.flatMap((s) => s.args).filter((a) => a.startsWith("c"))).toEqual([]);
  });

  it("EXEC releases what a connection watched", async () => {
    const { res } = await tryIt(`${open}for (let i = 0; i < 5; i++) {\n  await r.watch(${keys(200, "k")});\n  await r.multi().set("k0", i).exec();\n}`);
    expect(res.status).toBe("ok");
  });

  it("watches across a run's connections", async () => {
    const src = `${open}const b = r.duplicate();\nconst c = r.duplicate();\nawait r.watch(${keys(200, "a")});\nawait b.watch(${keys(200, "b")});\nawait c.watch(${keys(200, "c")});`;
    const { res, seen } = await tryIt(src);
    expectRefused(res, 7, /^WATCH on line 7 would make your connections watch 600 keys together, more than the 512/);
    expect(names(seen)).toEqual(["watch", "watch"]);
  });
});

describe("the bytes a run makes Redis hold", () => {
  it("many values that each fit", async () => {
    const { res, seen } = await tryIt(`${open}for (let i = 0; ; i++) await r.set("m" + i, "x".repeat(60_000));`);
    expectRefused(res, 3, /^SET on line 3 would make Redis hold about 10\d\d\.\d KB for your run, more than the 1024 KB a run may use/);
    expect(seen.map((s) => s.args[1])).toEqual(Array.from({ length: 17 }, (_, i) => `m${i}`));
  });

  it("SETRANGE offsets that each fit: the allocation counts, not the bytes sent", async () => {
    const { res, seen } = await tryIt(`${open}for (let i = 0; ; i++) await r.setrange("o" + i, 60_000, "x");`);
    expectRefused(res, 3, /^SETRANGE on line 3 would make Redis hold about/);
    expect(seen).toHaveLength(17);
  });

  it("object forms inside an array, out of and in multi()", async () => {
    const big = `Object.fromEntries(Array.from({ length: 20 }, (_, i) => ["f" + i, "x".repeat(60_000)]))`;
    const out = await tryIt(`${open}await r.set("before", "1");\nawait r.mset([${big}]);`);
    expectRefused(out.res, 4, /^MSET on line 4 would make Redis hold about/);
    expect(names(out.seen)).toEqual(["set"]);
    const inside = await tryIt(`${open}await r.set("before", "1");\nawait r.multi().set("a", "1").hset("h", [${big}]).exec();`);
    expectRefused(inside.res, 4, /^HSET on line 4 would make Redis hold about/);
    // Nothing of the transaction was sent: no MULTI, EXEC or queued SET from that connection.
    const conn = inside.seen.find((s) => s.args[1] === "before")!.source;
    expect(fromSource(inside.seen, conn).map((s) => s.args[0])).toEqual(["set"]);
  });

  it("object forms count toward the bytes written", async () => {
    const obj = `{ a: "x".repeat(8000), b: "x".repeat(8000), c: "x".repeat(8000) }`;
    const { res, seen } = await tryIt(`${open}await r.mset([${obj}]);`, { limits: { bytesWritten: 20_000 } });
    expect(res.error?.code).toBe("write_limit");
    expect(seen).toEqual([]);
    const tx = await tryIt(`${open}await r.multi().hset("h", ${obj}).exec();`, { limits: { bytesWritten: 20_000 } });
    expect(tx.res.error?.code).toBe("write_limit");
  });
});
