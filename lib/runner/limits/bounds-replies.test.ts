// What comes back and what is left behind: replies are bounded per reply and per run, and keys
// made by object forms (in and out of multi()) are cleaned up like any other.
import { describe, expect, it } from "vitest";
import { adminRedis, eventually, run } from "../test-support";
import { monitorRedis, runCommands } from "./bounds-support";

const open = `import Redis from "ioredis";\nconst r = new Redis();\n`;

async function keysOfRun(runId: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await adminRedis().scan(cursor, "MATCH", `{r:${runId}}:*`, "COUNT", 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== "0");
  return found;
}

describe("replies the program receives", () => {
  it("one reply over 256 KB ends the run", async () => {
    const res = await run(`${open}await r.rpush("l", ...Array.from({ length: 5 }, () => "x".repeat(60_000)));\nconst all = await r.lrange("l", 0, -1);\nconsole.log(all.length);`);
    expect(res.status).toBe("limit");
    expect(res.error?.code).toBe("reply_limit");
    expect(res.error?.line).toBe(4);
    expect(res.error?.message).toMatch(/^The reply to LRANGE on line 4 was 293(\.\d)? KB, more than the 256 KB/);
    expect(res.output).toEqual([]);
  });

  it("reading a large value over and over ends the run at 2 MB", async () => {
    const res = await run(`${open}await r.set("v", "x".repeat(60_000));\nlet n = 0;\nfor (;;) { await r.get("v"); n++; }`);
    expect(res.status).toBe("limit");
    expect(res.error?.code).toBe("reply_limit");
    expect(res.error?.line).toBe(5);
    expect(res.error?.message).toMatch(/received more than 2048 KB of replies.*reading a large value many times/i);
    // ~35 reads of 60 KB: the run stopped right at the budget, not thousands of reads later.
    const gets = res.trace.events.filter((e) => e.kind === "command" && e.name === "GET");
    expect(gets.length).toBeGreaterThan(30);
    expect(gets.length).toBeLessThan(40);
  });
});

describe("object forms: counted, traced and cleaned up", () => {
  it("keys made by mset/hset/msetnx object and Map forms are gone after the run", async () => {
    const mon = await monitorRedis();
    const res = await run(`${open}await r.mset([{ "c:a": "1", "c:b": "2" }]);
await r.multi().hset("c:h", [{ f: "v" }]).mset({ "c:x": "3" }).exec();
await r.msetnx(new Map([["c:m", "1"]]));
console.log(await r.exists("c:a", "c:b", "c:h", "c:x", "c:m"));`);
    const seen = runCommands(await mon.stop(), res.runId);
    expect(res.status).toBe("ok");
    expect(res.output).toEqual(["5"]);
    expect(seen.map((s) => s.args).filter((a) => a[0] !== "exists")).toEqual([
      ["mset", "c:a", "1", "c:b", "2"],
      ["hset", "c:h", "f", "v"],
      ["mset", "c:x", "3"],
      ["msetnx", "c:m", "1"],
    ]);
    const traced = res.trace.events.flatMap((e) => (e.kind === "command" && e.name.startsWith("M") && e.name !== "MULTI" ? [[e.name, ...e.args]] : []));
    expect(traced).toEqual([
      ["MSET", "c:a", "1", "c:b", "2"],
      ["MSET", "c:x", "3"],
      ["MSETNX", "c:m", "1"],
    ]);
    await eventually(async () => expect(await keysOfRun(res.runId)).toEqual([]), 5000);
  });
});
