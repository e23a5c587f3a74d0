// What a phase measured, and how it is printed.
import { availableParallelism, loadavg } from "node:os";
import type { Verdict } from "./verdict";
import type { RedisCost } from "./redis-load";
import { blamesProgram } from "../../lib/errors";

/** For an innocent learner's correct program, an answer that points at the program (or a failed check) is a false blame. */
const blames = (kind: string) => kind === "check_fail" || blamesProgram(kind);

export class Tally {
  readonly latency = { run: [] as number[], check: [] as number[] };
  readonly kinds = new Map<string, number>();
  crossTalk = 0;
  done = 0;
  /** Answers that told the learner their code was at fault (see blames). */
  blamed = 0;

  add(kind: "run" | "check", ms: number, v: Verdict): void {
    this.done++;
    this.latency[kind].push(ms);
    if (v.kind !== "ok") this.kinds.set(`${kind}:${v.kind}`, (this.kinds.get(`${kind}:${v.kind}`) ?? 0) + 1);
    if (v.crossTalk) this.crossTalk++;
    if (blames(v.kind)) this.blamed++;
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
}

export interface PhaseReport {
  name: string;
  seconds: number;
  innocent: Tally;
  hostile?: Tally;
  rss: { before: number; peak: number; after: number };
  load: number[];
  redis: RedisCost;
}

const ms = (n: number) => (Number.isNaN(n) ? "-" : n < 10 ? `${n.toFixed(1)} ms` : `${Math.round(n)} ms`);
const mb = (n: number) => (n ? `${Math.round(n / 1024 / 1024)} MB` : "n/a");

function latencyLine(label: string, values: number[]): string {
  if (values.length === 0) return `  ${label}: none`;
  return `  ${label} (${values.length}): p50 ${ms(percentile(values, 0.5))}  p95 ${ms(percentile(values, 0.95))}  p99 ${ms(percentile(values, 0.99))}`;
}

function kindsLine(t: Tally): string {
  if (t.kinds.size === 0) return "none";
  return [...t.kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ");
}

export function printPhase(r: PhaseReport): void {
  const t = r.innocent;
  console.log(`\n== ${r.name}`);
  console.log(`  throughput: ${(t.done / r.seconds).toFixed(1)} actions/s (${t.latency.run.length} runs, ${t.latency.check.length} checks in ${r.seconds.toFixed(1)} s)`);
  console.log(latencyLine("run", t.latency.run));
  if (t.latency.check.length > 0) console.log(latencyLine("check", t.latency.check));
  console.log(`  errors: ${kindsLine(t)}`);
  console.log(`  blaming the learner's code: ${t.blamed}`);
  console.log(`  cross-talk: ${t.crossTalk}`);
  if (r.hostile) console.log(`  hostile neighbour: ${r.hostile.done} runs back (${kindsLine(r.hostile)})`);
  const d = r.redis;
  const actions = t.done + (r.hostile?.done ?? 0);
  const perAction = (n: number) => (actions > 0 ? n / actions : NaN);
  console.log(
    `  redis (${d.nodes} master${d.nodes === 1 ? "" : "s"}): ${Math.round(d.commands / r.seconds)} commands/s, ${perAction(d.commands).toFixed(1)} per action; ` +
      `CPU ${(perAction(d.cpuSeconds) * 1e6).toFixed(0)} us per action, busiest master ${(d.busiestCore * 100).toFixed(0)}% of a core; ` +
      `used_memory +${(d.memoryGrowth / 1024 / 1024).toFixed(1)} MB at peak`,
  );
  console.log(`  server RSS: before ${mb(r.rss.before)}, peak ${mb(r.rss.peak)}, after ${mb(r.rss.after)}`);
  console.log(`  load average: ${r.load.map((l) => l.toFixed(2)).join(" ")} (1/5/15 min, ${loadavgCores()} cores shared)`);
}

const loadavgCores = (): number => availableParallelism();

export const currentLoad = (): number[] => loadavg();
