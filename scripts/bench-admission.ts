// `npm run bench:admission`: does the engine keep its throughput under load, and its fairness?
// Engine-level (runProgram, no HTTP; the classroom benchmark through the server actions is
// bench-classroom): the unit-1 solution closed-loop at 16, 64 and 256 in flight, then 100
// learners (each its own client, think time 2-8 s) alone and next to one hostile client keeping
// 20 busy loops in flight. Prints runs/s, latency of the innocent runs, errors by code, the
// admission queue's wait, and the RSS of this process (its worker threads share it).
import { loadavg } from "node:os";
import { runProgram, closeWorkerPool } from "../lib/runner/index";
import type { RunResult } from "../lib/runner/types";
import { loadCourse } from "../lib/lessons/loader";
import { RUNS_PER_WORKER, workerCount } from "../lib/runner/host/capacity";

const unit = loadCourse().find((u) => u.order === 1)!;
const source = unit.solution ?? unit.starter;
const quick = process.argv.includes("--quick");
const CLOSED_S = quick ? 2 : 5;
const CLASS_S = quick ? 8 : 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const load = () => loadavg().map((n) => n.toFixed(2)).join(" ");

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : NaN;
}

class Tally {
  latency: number[] = [];
  queue: number[] = [];
  codes = new Map<string, number>();
  add(r: RunResult) {
    const code = r.error?.code ?? (r.status === "ok" ? "ok" : r.status);
    this.codes.set(code, (this.codes.get(code) ?? 0) + 1);
    if (r.status === "ok") this.latency.push(r.timings.totalMs);
    this.queue.push(r.timings.queueMs ?? 0);
  }
  get total() {
    return [...this.codes.values()].reduce((a, b) => a + b, 0);
  }
  line(seconds: number): string {
    const f = (n: number) => n.toFixed(1);
    const l = this.latency;
    const errors = [...this.codes].filter(([c]) => c !== "ok").map(([c, n]) => `${c} ${n}`).join(", ") || "none";
    return `${(this.total / seconds).toFixed(0).padStart(5)} runs/s  p50 ${f(pct(l, 0.5))}  p95 ${f(pct(l, 0.95))}  p99 ${f(pct(l, 0.99))} ms  queue p50 ${f(pct(this.queue, 0.5))} p95 ${f(pct(this.queue, 0.95))} ms  errors: ${errors}`;
  }
}

const learnerRun = (client?: string) => runProgram({ source, setup: unit.setup, inspectKeys: unit.inspectKeys, ...(client ? { client } : {}) });

async function closedLoop(inFlight: number, seconds: number): Promise<Tally> {
  const t = new Tally();
  const end = performance.now() + seconds * 1000;
  // No client: this measures the pool and the gate, not the per-client bounds.
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (performance.now() < end) t.add(await learnerRun());
  }));
  return t;
}

async function classroom(learners: number, seconds: number, hostile: boolean): Promise<{ innocent: Tally; hostile: Tally }> {
  const innocent = new Tally();
  const bad = new Tally();
  const end = performance.now() + seconds * 1000;
  const think = () => sleep(2000 + Math.random() * 6000);
  const people = Array.from({ length: learners }, async (_, i) => {
    await sleep(Math.random() * 2000); // they don't all press Run in the same millisecond
    while (performance.now() < end) {
      innocent.add(await learnerRun(`c:learner-${i}`));
      await think();
    }
  });
  // One client, 20 busy loops in flight; refused runs are sent again after 100 ms, as a script would.
  const loops = hostile
    ? Array.from({ length: 20 }, async () => {
        while (performance.now() < end) {
          const r = await runProgram({ source: "for (;;) {}", client: "c:hostile" });
          bad.add(r);
          if (r.error?.code === "rate_limited" || r.error?.code === "busy") await sleep(100);
        }
      })
    : [];
  await Promise.all([...people, ...loops]);
  return { innocent, hostile: bad };
}

async function idleRss(ms: number): Promise<number> {
  await sleep(ms);
  return process.memoryUsage.rss();
}

console.log(`unit 1 (${unit.slug}); ${workerCount()} workers x ${RUNS_PER_WORKER} runs in flight; node ${process.version}; load average ${load()}`);
await closedLoop(16, quick ? 1 : 3); // warm up: threads, sandboxes, connection pools, JIT
const restRss = await idleRss(2000);
console.log(`RSS at rest after warm-up: ${mb(restRss)}`);

console.log(`\nclosed loop, ${CLOSED_S} s each (latency = totalMs incl. queue wait)`);
for (const n of [16, 64, 256]) {
  peakRss = process.memoryUsage.rss();
  const t0 = performance.now();
  const t = await closedLoop(n, CLOSED_S);
  const s = (performance.now() - t0) / 1000;
  console.log(`  ${String(n).padStart(3)} in flight: ${t.line(s)}  peak RSS ${mb(peakRss)}  load ${load()}`);
}
const afterClosed = await idleRss(10_000);
console.log(`RSS 10 s after the closed loops: ${mb(afterClosed)} (rest ${mb(restRss)})`);

for (const hostile of [false, true]) {
  peakRss = process.memoryUsage.rss();
  const t0 = performance.now();
  const r = await classroom(100, CLASS_S, hostile);
  const s = (performance.now() - t0) / 1000;
  console.log(`\n100 learners (think 2-8 s)${hostile ? " + 1 hostile client with 20 busy loops in flight" : " alone"}, ${s.toFixed(0)} s:`);
  console.log(`  innocent: ${r.innocent.line(s)}`);
  if (hostile) console.log(`  hostile:  ${[...r.hostile.codes].map(([c, n]) => `${c} ${n}`).join(", ")}`);
  console.log(`  peak RSS ${mb(peakRss)}  load ${load()}`);
}
console.log(`\nRSS 10 s after everything: ${mb(await idleRss(10_000))} (rest ${mb(restRss)})`);
clearInterval(sampler);
await closeWorkerPool();
