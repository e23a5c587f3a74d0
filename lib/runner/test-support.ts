// Shared by the engine's integration tests: a real Redis (REDIS_URL from the global setup) and
// the real worker pool. Not imported by product code.
import Redis, { Cluster } from "ioredis";
import { afterAll } from "vitest";
import { parseClusterNodes } from "../redis/config";
import { masters, type ServiceRedis } from "../redis/service-client";
import { runProgram, closeWorkerPool } from "./index";
import type { RunRequest, RunResult } from "./types";

/**
 * `npm run playground -- <args>` as a child process: node with tsx as a loader, not `npx tsx`
 * (npx's own start-up took 5 of its 8 s on a busy machine).
 */
export function playgroundCli(...args: string[]): [string, string[]] {
  return [process.execPath, ["--import", "tsx", "scripts/playground.ts", ...args]];
}

let admin: ServiceRedis | undefined;
/** The tests' own client: the single server, or (REDIS_CLUSTER_NODES, the `cluster` stage) the cluster. */
export function adminRedis(): ServiceRedis {
  const nodes = process.env.REDIS_CLUSTER_NODES;
  admin ??= nodes ? new Cluster(parseClusterNodes(nodes)) : new Redis(process.env.REDIS_URL!);
  return admin;
}

/** Every server that holds data (one, or each master of the cluster), once the client knows them. */
export async function adminMasters(): Promise<Redis[]> {
  const a = adminRedis();
  if (a instanceof Cluster && a.status !== "ready") await new Promise((r) => a.once("ready", r));
  return masters(a);
}

afterAll(async () => {
  await closeWorkerPool();
  admin?.disconnect();
  admin = undefined;
});

/** Runs a program; `src` is dedented so tests can write it inline. */
export function run(src: string, req: Omit<RunRequest, "source"> = {}): Promise<RunResult> {
  return runProgram({ source: dedent(src), ...req });
}

export function dedent(s: string): string {
  const lines = s.replace(/^\n/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join("\n");
}

/** Keys of any run namespace still in Redis (the run's own or its service keys). */
export async function leftoverRunKeys(): Promise<string[]> {
  const found: string[] = [];
  for (const node of await adminMasters()) {
    let cursor = "0";
    do {
      const [next, keys] = await node.scan(cursor, "MATCH", "{r:*", "COUNT", 1000);
      cursor = next;
      found.push(...keys.filter((k) => !k.includes("}#")));
    } while (cursor !== "0");
  }
  return found;
}

export const commandsOf = (r: RunResult) => r.trace.events.flatMap((e) => (e.kind === "command" ? [e] : []));

/**
 * Waits until `check` stops throwing (an expect that must come true soon), or rethrows its last
 * failure. For effects that happen just after a run returns, like the queued namespace cleanup.
 */
export async function eventually(check: () => Promise<void>, timeoutMs = 2000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
