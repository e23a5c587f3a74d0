// Differential: the final arguments the catalogue computes are exactly what ioredis puts on the
// wire, as Redis's MONITOR reports it - host-side, and through the sandbox's bridge.
import { describe, expect, it } from "vitest";
import Redis from "ioredis";
import { finalArgs } from "./wire";
import { monitorRedis, runCommands } from "../runner/limits/bounds-support";
import { run } from "../runner/test-support";

/** [method, the arguments as source code]: object and Map forms, nested arrays, numbers, odd values. */
const CASES: [string, string][] = [
  ["mset", `{ "m:a": "1", "m:b": 2 }`],
  ["mset", `new Map<string, string | number>([["m:c", "3"], ["m:d", 4]])`],
  ["mset", `[{ "m:e": "5", "m:f": "6" }]`],
  ["msetnx", `{ "n:a": "1" }`],
  ["hset", `"h:1", { f1: "v1", f2: 3 }`],
  ["hset", `"h:2", new Map([["f", "v"]])`],
  ["hset", `"h:3", [{ f: "v" }]`],
  ["hset", `"h:4", "f", { x: 1 }`],
  ["hmset", `"h:5", { f: "v" }`],
  ["rpush", `"l:1", ["a", ["b", "c"]], "d"`],
  ["sadd", `"s:1", ["a", "b"], "c"`],
  ["del", `["m:a", "m:b"], "m:c"`],
  ["incrby", `"n:1", 7`],
  ["zadd", `"z:1", 1.5, "m", 2, "n"`],
  ["set", `"big", 1e21`],
  ["set", `"neg", -0.25`],
  ["set", `"t", true`],
  ["set", `"u", undefined`],
];

const argsOf = (src: string): unknown[] => new Function(`return [${src.replace(/new Map<[^>]*>/g, "new Map")}];`)() as unknown[];

function expected(method: string, args: unknown[]): string[] {
  const f = finalArgs(method, args);
  return [method, ...f.wire];
}

describe("final arguments = what ioredis sends", () => {
  it("host side: ioredis with a key prefix, seen by MONITOR", async () => {
    const prefix = `{t:${Math.random().toString(36).slice(2)}}:`;
    const client = new Redis(process.env.REDIS_URL!, { keyPrefix: prefix });
    const mon = await monitorRedis();
    for (const [method, src] of CASES) {
      const fn = (client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!;
      await fn.apply(client, argsOf(src)).catch(() => {});
    }
    const seen = (await mon.stop()).filter((s) => s.args.some((a) => a.startsWith(prefix)));
    await client.del(...seen.flatMap((s) => s.args.filter((a) => a.startsWith(prefix))).map((k) => k.slice(prefix.length)));
    client.disconnect();
    const want = CASES.map(([method, src]) => {
      const args = argsOf(src);
      const f = finalArgs(method, args);
      const keyed = new Set(f.keyIndexes);
      return [method, ...f.wire.map((a, i) => (keyed.has(i) ? prefix + a : a))];
    });
    expect(seen.map((s) => s.args)).toEqual(want);
  });

  it("through the sandbox: the run sends, counts and traces the same list", async () => {
    const mon = await monitorRedis();
    const lines = CASES.map(([method, src]) => `await r.${method}(${src}).catch(() => null);`);
    const res = await run(`import Redis from "ioredis";\nconst r = new Redis();\n${lines.join("\n")}`);
    const seen = runCommands(await mon.stop(), res.runId);
    expect(res.status).toBe("ok");
    const want = CASES.map(([method, src]) => expected(method, argsOf(src)));
    expect(seen.map((s) => s.args)).toEqual(want);
    const traced = res.trace.events.flatMap((e) => (e.kind === "command" ? [[e.name.toLowerCase(), ...e.args.map(String)]] : []));
    expect(traced).toEqual(want);
  });
});
