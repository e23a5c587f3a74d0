// Shared by the adversarial suite: each test runs one hostile program and then proves that Redis
// was never blocked, that its memory stayed bounded and that the run left nothing behind.
// Other test files run in parallel against the same Redis, so every check is scoped to the run
// ids this test used (never a global SLOWLOG RESET or "no keys at all": that would read, or
// erase, another file's evidence).
import { randomBytes } from "node:crypto";
import type Redis from "ioredis";
import { afterAll, beforeAll, expect } from "vitest";
import { closeWorkerPool, runProgram } from "@/lib/runner/index";
import type { RunErrorInfo, RunRequest, RunResult } from "@/lib/runner/types";
import { adminMasters, adminRedis, dedent } from "@/lib/runner/test-support";

// The single server, or on the `cluster` stage the cluster: per-node evidence (SLOWLOG, memory,
// ACL users, SCAN) is gathered from every master.
export { adminRedis };

export const MB = 1024 * 1024;
/** A command slower than this blocked every other learner. */
export const SLOW_US = 50_000;
/** Redis memory a run in flight may add (issue 11, "Done when"). */
export const MEMORY_PER_RUN = 2 * MB;

/** Registers the suite's hooks: slow-command logging on the test server, pool and connection teardown. */
export function adversarialHooks(): void {
  beforeAll(async () => {
    // 10 ms, so anything near the 50 ms bar is logged; a long log so parallel files don't push ours out.
    for (const node of await adminMasters()) {
      await node.config("SET", "slowlog-log-slower-than", "10000");
      await node.config("SET", "slowlog-max-len", "4096");
    }
  });
  afterAll(async () => {
    await closeWorkerPool();
  });
}

export function newRunId(tag: string): string {
  return `adv-${tag}-${randomBytes(5).toString("hex")}`;
}

export const open = `import Redis from "ioredis";\nconst r = new Redis();\n`;

/** Runs a program through the engine's front door, with a run id the checks can follow. */
export function runAs(runId: string, src: string, req: Omit<RunRequest, "source" | "runId"> = {}): Promise<RunResult> {
  return runProgram({ source: dedent(src), runId, ...req });
}

export interface Observed<T> {
  value: T;
  /** Highest used_memory seen during the work, minus the level just before it. */
  memoryGrowth: number;
  /** Per master (in adminMasters() order), the last SLOWLOG id before the work started: later entries are the work's. */
  slowlogFrom: number[];
}

/** Does `work` while sampling Redis's used_memory (separate connections, every few ms; on a cluster, the masters' sum). */
export async function observe<T>(work: () => Promise<T>): Promise<Observed<T>> {
  const samplers = (await adminMasters()).map((n) => n.duplicate({ maxRetriesPerRequest: 2 }));
  try {
    const slowlogFrom = await lastSlowlogId();
    const before = await usedMemory(samplers);
    let peak = before;
    let done = false;
    const sampling = (async () => {
      while (!done) {
        peak = Math.max(peak, await usedMemory(samplers));
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    let value: T;
    try {
      value = await work();
    } finally {
      done = true;
      await sampling.catch(() => {});
    }
    // Once more after the work: lazily freed values (UNLINK) may still be counted.
    peak = Math.max(peak, await usedMemory(samplers).catch(() => peak));
    return { value, memoryGrowth: Math.max(0, peak - before), slowlogFrom };
  } finally {
    for (const c of samplers) c.disconnect();
  }
}

/**
 * used_memory without what replication holds (a cluster's masters feed replicas: the backlog and
 * the replicas' output buffers grow with any write, not with what a run keeps; 0 on one server).
 */
async function usedMemory(nodes: Redis[]): Promise<number> {
  const infos = await Promise.all(nodes.map((n) => n.info("memory")));
  const field = (info: string, name: string) => Number(new RegExp(`^${name}:(\\d+)`, "m").exec(info)?.[1] ?? 0);
  return infos.reduce((sum, info) => sum + field(info, "used_memory") - field(info, "mem_clients_slaves") - field(info, "mem_replication_backlog"), 0);
}

type SlowEntry = [number, number, number, string[], ...unknown[]];

async function lastSlowlogId(): Promise<number[]> {
  return Promise.all(
    (await adminMasters()).map(async (node: Redis) => {
      const [latest] = (await node.slowlog("GET", 1)) as SlowEntry[];
      return latest ? latest[0] : -1;
    }),
  );
}

/** Commands that took over SLOW_US since `from` and belong to one of these runs (their keys or user). */
export async function slowCommandsOf(runIds: string[], from: number[]): Promise<string[]> {
  const nodes = await adminMasters();
  const perNode = await Promise.all(nodes.map(async (node, i) => ((await node.slowlog("GET", -1)) as SlowEntry[]).filter(([id]) => id > (from[i] ?? -1))));
  return perNode
    .flat()
    .filter(([, , micros, args]) => micros > SLOW_US && args.some((a) => runIds.some((r) => a.includes(r))))
    .map(([, , micros, args]) => `${args.slice(0, 3).join(" ")} ... (${Math.round(micros / 1000)} ms)`);
}

/** What a run left in Redis: learner keys, its ACL user, its registry entry. */
export async function leftoversOf(runIds: string[]): Promise<string[]> {
  const left: string[] = [];
  const nodes = await adminMasters();
  const users = new Set((await Promise.all(nodes.map((n) => n.acl("USERS") as Promise<string[]>))).flat());
  for (const id of runIds) {
    for (const node of nodes) {
      let cursor = "0";
      do {
        const [next, keys] = await node.scan(cursor, "MATCH", `{r:${id}}:*`, "COUNT", 1000);
        cursor = next;
        if (keys.length > 0) left.push(`${keys.length} key(s) like ${keys[0]}`);
      } while (cursor !== "0");
    }
    if (users.has(`pg-run-${id}`)) left.push(`ACL user pg-run-${id}`);
    if ((await adminRedis().zscore("{pg}:runs", id)) !== null) left.push(`registry entry ${id}`);
  }
  return left;
}

/**
 * The promises every adversarial test makes: no slow command of these runs, memory growth bounded
 * by the runs in flight, and (polled for the background cleanup, ~3 s) nothing left behind.
 */
export async function expectHarmless(runIds: string[], seen: Observed<unknown>, runsInFlight = 1): Promise<void> {
  expect.soft(await slowCommandsOf(runIds, seen.slowlogFrom), "Redis was blocked by a command of this run").toEqual([]);
  expect.soft(seen.memoryGrowth, "Redis memory grew more than ~2 MB per run in flight").toBeLessThanOrEqual(runsInFlight * MEMORY_PER_RUN);
  const end = Date.now() + 3000;
  let left = await leftoversOf(runIds);
  while (left.length > 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    left = await leftoversOf(runIds);
  }
  expect.soft(left, "the run left something behind in Redis").toEqual([]);
}

/** A refusal the learner can act on: no prefix, host path or stack of ours; names the command. */
export function expectCleanMessage(error: RunErrorInfo | undefined, command?: string): void {
  expect.soft(error, "the run should have been refused or stopped").toBeDefined();
  if (!error) return;
  const message = error.message;
  expect.soft(message).not.toMatch(/\{r:/);
  expect.soft(message).not.toMatch(/\/work|node_modules|\.engine\//);
  expect.soft(message).not.toMatch(/\n\s+at |at .*\.(m?js|ts):\d+/);
  if (command) expect.soft(message, "the message names the command").toContain(command);
}

/** The run's result as the browser or CLI would receive it. */
export const resultBytes = (r: RunResult): number => Buffer.byteLength(JSON.stringify(r));
