/**
 * Schedule exploration: the grader's concurrent calls run under systematically chosen
 * interleavings (schedule plans, lib/runner/plans/schedule.ts), plus a few seeded random ones.
 *
 * Systematic = stateless model checking with a preemption bound (as CHESS does): a run with a
 * prefix of choices goes on under the engine's non-preemptive "finish" policy, and reports at
 * each step which lanes could have gone; every other choice at every step past the prefix is a
 * new prefix to run - if taking it keeps the run within `preemptions` preemptions (switching
 * away from a lane that still had a command waiting). Breadth-first, level by level in a fixed
 * order, so interleavings branching earlier come first and the same ones are explored on every
 * check. Every prefix is a distinct interleaving.
 * A lost update of two read-modify-write flows needs one preemption (C reads, D reads, ...): the
 * bound 1 finds every one. Orders that need two (an abort and its retry raced again) are left
 * to the staged-conflict scenarios and the seeded random runs: with the bound 2 (26 runs a
 * check instead of 8) a classroom of 100 saw Check p50 3.3 s and Run p95 208 ms
 * (bench:classroom phase 2).
 *
 * Bounded: at most `maxSchedules` systematic runs, `concurrency` of them in flight at once (each
 * still admitted by the fair queue under the check's client, and its CPU charged to it).
 */
import { runProgram, type ClientTurn, type RunRequest, type RunResult } from "../../runner/index";
import type { ScheduleStep } from "../../trace";
import type { ExplorationSummary } from "../grade-schedule";

export interface ExploreBounds {
  preemptions: number;
  maxSchedules: number;
  random: number;
  concurrency: number;
}

/** Measured with scripts/bench-explore.ts (one check) and bench:classroom (a class checking at once). */
export const EXPLORE_BOUNDS: ExploreBounds = { preemptions: 1, maxSchedules: 40, random: 4, concurrency: 3 };

export interface ExploredRun {
  /** The choices the run was started with ("" + a seed for a random one). */
  prefix: string;
  seed?: number;
  result: RunResult;
}

export interface Exploration {
  runs: ExploredRun[];
  summary: ExplorationSummary;
}

/** `base`: the program with the concurrent calls, its setup and the keys to read at the end. */
export async function exploreSchedules(base: Omit<RunRequest, "plan">, turn: ClientTurn | undefined, bounds: ExploreBounds = EXPLORE_BOUNDS): Promise<Exploration> {
  const t0 = performance.now();
  const run = (prefix: string, seed?: number): Promise<ExploredRun> =>
    runProgram({ ...base, plan: { kind: "schedule", choices: prefix, then: "finish", ...(seed !== undefined ? { seed } : {}) } }, { turn }).then((result) => ({
      prefix,
      ...(seed !== undefined ? { seed } : {}),
      result,
    }));
  const runs: ExploredRun[] = [];
  // Level by level, each level in a fixed order: the same schedules are explored every time,
  // whichever run finishes first (and so where the cap cuts, and the verdict, never vary).
  let level = [""];
  let queue: string[] = [];
  while (level.length > 0) {
    const room = bounds.maxSchedules - runs.length;
    const now = level.slice(0, Math.max(0, room));
    queue = level.slice(now.length);
    const done = await inBatches(now, bounds.concurrency, (prefix) => run(prefix));
    runs.push(...done);
    if (queue.length > 0) break;
    level = done.flatMap((r) => branches(r.prefix, r.result.schedule?.steps ?? [], bounds.preemptions)).sort();
    if (runs.length >= bounds.maxSchedules) {
      queue = level;
      break;
    }
  }
  const complete = queue.length === 0;
  const systematic = runs.length;
  // Seeded, so a check gives the same verdict every time; beyond the bound, any number of preemptions.
  const random = await inBatches(Array.from({ length: bounds.random }, (_, i) => i + 1), bounds.concurrency, (seed) => run("", seed));
  runs.push(...random);
  return { runs, summary: { systematic, complete, preemptions: bounds.preemptions, random: random.length, ms: Math.round(performance.now() - t0) } };
}

/** Runs `work` on every item, at most `limit` at once; results in the items' order. */
async function inBatches<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/** The prefixes to try next from a run started with `prefix`: each other lane at each choice point past it, within the bound. */
export function branches(prefix: string, steps: readonly ScheduleStep[], bound: number): string[] {
  const out: string[] = [];
  const taken = steps.map((s) => s.client).join("");
  let used = 0;
  for (let i = 0; i < steps.length; i++) {
    const { client, pending } = steps[i]!;
    const prev = steps[i - 1]?.client;
    const preempts = (lane: string) => (prev !== undefined && lane !== prev && pending.includes(prev) ? 1 : 0);
    if (i >= prefix.length) {
      for (const alt of pending) if (alt !== client && used + preempts(alt) <= bound) out.push(taken.slice(0, i) + alt);
    }
    used += preempts(client);
  }
  return out;
}
