// The CLI as a child process against the test Redis: it leaves nothing behind when it exits,
// and its whole result arrives through a pipe, however large.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { RUN_REGISTRY_KEY } from "../redis/janitor";
import { adminRedis, dedent, playgroundCli } from "./test-support";
import type { RunResult } from "./types";

const exec = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), "pg-cli-"));

function program(name: string, src: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, dedent(src));
  return file;
}

/** The CLI's stdout is a pipe here (execFile), like `npm run playground -- run x.ts --json | jq`. */
async function cli(...args: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await exec(...playgroundCli(...args), { maxBuffer: 64 * 1024 * 1024, env: process.env });
    return { stdout, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; code: number };
    return { stdout: err.stdout, code: err.code };
  }
}

describe("the CLI", () => {
  it("leaves no key, run user or registry entry behind once it has exited", async () => {
    const file = program(
      "writes.ts",
      `import Redis from "ioredis";
      const r = new Redis();
      await r.set("a", "1");
      await r.hset("h", "f", "v");
      await r.rpush("l", "x");
      console.log(await r.incrby("balance:1", 5));`,
    );
    const { stdout, code } = await cli("run", file, "--json", "--setup", '[["SET","balance:1","100"]]');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as RunResult;
    expect(result.output).toEqual(["105"]);
    const id = result.runId;
    // Checked once, right after the exit: nothing else would remove them later but the janitor.
    const redis = adminRedis();
    expect((await redis.scan("0", "MATCH", `{r:${id}}:*`, "COUNT", 100_000))[1]).toEqual([]);
    expect((await redis.acl("USERS")) as string[]).not.toContain(`pg-run-${id}`);
    expect(await redis.zscore(RUN_REGISTRY_KEY, id)).toBeNull();
  });

  it("writes its whole result into a pipe before exiting, even megabytes of it", async () => {
    const file = program(
      "big.ts",
      `import Redis from "ioredis";
      const r = new Redis();
      const names = Array.from({ length: 19 }, (_, i) => "k".repeat(300) + i);
      // ~6 KB of trace a call: 150 calls make far more than a pipe holds, in little sandbox CPU.
      for (let i = 0; i < 150; i++) await r.mget(...names);
      for (let i = 0; i < 60; i++) console.log("line " + i + " " + "o".repeat(1000));`,
    );
    const { stdout, code } = await cli("run", file, "--json");
    expect(code).toBe(0);
    // Far more than a pipe holds (64 KB): the tail used to be lost at process.exit().
    expect(stdout.length).toBeGreaterThan(300_000);
    const result = JSON.parse(stdout) as RunResult;
    expect(result.status).toBe("ok");
    expect(result.output).toHaveLength(60);
    expect(result.trace.events.at(-1)?.kind).toBe("end");
  });
});
