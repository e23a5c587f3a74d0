// `npm run bench`: how fast is a sandboxed run, and what does the sandbox cost?
// For unit 1 (balance) and unit 3 (score race): median and p95 of one run, runs/s with 16 in
// flight, and the ratio to the floor - the same program executed directly in this process with
// plain ioredis on kept connections (same setup, same commands, same cleanup) - plus peak RSS
// of this process, whose worker threads share it. Sandboxed and floor runs alternate in blocks
// (sequential and under load), so the VM's drifting speed weighs on both sides alike.
import Redis from "ioredis";
import { transform } from "sucrase";
import { getKeyIndexes } from "@ioredis/commands";
import { runProgram, closeWorkerPool } from "../lib/runner/index";
import { loadCourse } from "../lib/lessons/loader";
import type { Unit } from "../lib/lessons/types";

const url = process.env.REDIS_URL!;
const CONCURRENCY = 16;
const quick = process.argv.includes("--quick");

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: q(0.5), p95: q(0.95), n: s.length };
}
const fmt = (n: number) => n.toFixed(2).padStart(8);

// ---- the floor: the same program, plain ioredis, kept connections -------------------------
const idle: Redis[] = [];
async function take(prefix: string): Promise<Redis> {
  const c = idle.pop() ?? new Redis(url, { enableAutoPipelining: false });
  if (c.status !== "ready") await new Promise((r) => c.once("ready", r));
  c.options.keyPrefix = prefix;
  return c;
}
let nativeSeq = 0;
type FloorProgram = (...a: unknown[]) => Promise<void>;
const floorPrograms = new Map<string, FloorProgram>();
/** Compiled once per unit, as the sandbox keeps a repeated program compiled. */
function compiledFloor(unit: Unit): FloorProgram {
  let body = floorPrograms.get(unit.slug);
  if (!body) {
    const js = transform(unit.solution ?? unit.starter, { transforms: ["typescript", "imports"], production: true }).code;
    body = new Function("require", "console", "sleep", `return (async () => {${js}\n})()`) as FloorProgram;
    floorPrograms.set(unit.slug, body);
  }
  return body;
}
async function runNative(unit: Unit): Promise<void> {
  const prefix = `{bench:${++nativeSeq}}:`;
  const used: Redis[] = [];
  const open = async () => {
    const c = await take(prefix);
    used.push(c);
    const shim = c as Redis & { duplicate: () => Redis; quit: () => Promise<"OK"> };
    return shim;
  };
  // `new Redis()` in the program must be synchronous: pre-open enough connections.
  const ready = await Promise.all([open(), open(), open()]);
  let next = 0;
  const get = () => {
    const c = ready[next++]!;
    Object.assign(c, { duplicate: get, quit: async () => "OK" });
    return c;
  };
  function FakeRedis() {
    return get();
  }
  const setupKeys: string[] = [];
  const svc = used[0]!;
  const p = svc.pipeline();
  for (const [name, ...args] of unit.setup) {
    const idx = new Set(getKeyIndexes(String(name).toLowerCase(), args.map(String)));
    args.forEach((a, i) => idx.has(i) && setupKeys.push(String(a)));
    p.call(String(name), ...args.map((a, i) => (idx.has(i) ? prefix + String(a) : a)));
  }
  await p.exec();
  const body = compiledFloor(unit);
  const quiet = { log() {}, error() {}, warn() {}, info() {} };
  await body(() => ({ __esModule: true, default: FakeRedis, Redis: FakeRedis }), quiet, (ms: number) => new Promise((r) => setTimeout(r, ms)));
  await svc.unlink(...new Set([...setupKeys, ...unit.inspectKeys]));
  for (const c of used) {
    await c.unwatch();
    delete c.options.keyPrefix;
    idle.push(c);
  }
}

async function runSandboxed(unit: Unit): Promise<void> {
  const r = await runProgram({ source: unit.solution ?? unit.starter, setup: unit.setup, inspectKeys: unit.inspectKeys });
  if (r.status !== "ok") throw new Error(`${unit.slug}: ${r.error?.message}`);
}

/**
 * Times n runs of each, in alternating blocks: a block keeps each side's caches and JIT state as
 * warm as a steady stream of runs would, and alternating blocks spread the machine's drift.
 */
async function timeAlternating(a: () => Promise<void>, b: () => Promise<void>, n: number, blocks = 5): Promise<[number[], number[]]> {
  const ta: number[] = [];
  const tb: number[] = [];
  const size = Math.ceil(n / blocks);
  for (let blk = 0; blk < blocks; blk++) {
    for (const [fn, out] of [[a, ta], [b, tb]] as const) {
      for (let i = 0; i < size; i++) {
        const t = performance.now();
        await fn();
        out.push(performance.now() - t);
      }
    }
  }
  return [ta, tb];
}

async function throughput(fn: () => Promise<void>, seconds: number): Promise<{ done: number; ms: number; peakRssMb: number }> {
  let done = 0;
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        await fn();
        done++;
      }
    }),
  );
  clearInterval(sampler);
  return { done, ms: performance.now() - t0, peakRssMb: peak / 1024 / 1024 };
}

async function benchUnit(unit: Unit, runs: number, seconds: number, rounds: number) {
  // Warm up: worker threads, sandboxes, connection pools, and the JIT - V8 tiers QuickJS's WASM
  // up to optimized code only after it ran for a while, as it has in any server that is up.
  await throughput(() => runSandboxed(unit), quick ? 1 : 3);
  await throughput(() => runNative(unit), quick ? 1 : 2);
  // ...and the sequential path, which warms up on its own: its first few hundred runs are slower.
  await timeAlternating(() => runSandboxed(unit), () => runNative(unit), runs);
  // The VM's speed moves by a fifth from minute to minute: both sides take turns, in blocks.
  const [s, n] = await timeAlternating(() => runSandboxed(unit), () => runNative(unit), runs);
  const sandboxed = stats(s);
  const native = stats(n);
  // Throughput alternates too: rounds of each, added up.
  const tpS = { done: 0, ms: 0, peakRssMb: 0 };
  const tpN = { done: 0, ms: 0, peakRssMb: 0 };
  for (let round = 0; round < rounds; round++) {
    for (const [fn, acc] of [[() => runSandboxed(unit), tpS], [() => runNative(unit), tpN]] as const) {
      const r = await throughput(fn, seconds / rounds);
      acc.done += r.done;
      acc.ms += r.ms;
      acc.peakRssMb = Math.max(acc.peakRssMb, r.peakRssMb);
    }
  }
  const rps = (t: { done: number; ms: number }) => t.done / (t.ms / 1000);
  console.log(`\n${unit.title} (unit ${unit.order}, ${runs} sequential runs, then ${CONCURRENCY} concurrent for ${seconds} s; each alternating with the floor)`);
  console.log(`                      median ms   p95 ms   runs/s@${CONCURRENCY}`);
  console.log(`  sandboxed run      ${fmt(sandboxed.median)} ${fmt(sandboxed.p95)} ${fmt(rps(tpS))}`);
  console.log(`  plain ioredis floor${fmt(native.median)} ${fmt(native.p95)} ${fmt(rps(tpN))}`);
  console.log(`  ratio to floor     ${fmt(sandboxed.median / native.median)}x (median)   throughput ${(rps(tpN) / rps(tpS)).toFixed(2)}x`);
  console.log(`  peak RSS (process + workers) during the concurrent sandboxed part: ${tpS.peakRssMb.toFixed(0)} MB`);
}

const course = loadCourse();
const balance = course.find((u) => u.order === 1)!;
const race = course.find((u) => u.order === 3)!;
console.log(`Redis: ${url}   machine: ${(await import("node:os")).availableParallelism()} cores, node ${process.version}`);
await benchUnit(balance, quick ? 100 : 500, quick ? 2 : 5, quick ? 2 : 5);
await benchUnit(race, quick ? 10 : 30, quick ? 2 : 5, quick ? 1 : 2);
await closeWorkerPool();
for (const c of idle) c.disconnect();
