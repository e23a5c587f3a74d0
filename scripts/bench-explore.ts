// What the grader's schedule exploration costs (lib/lessons/grading/explore.ts).
//   node scripts/with-redis.mjs -- npx tsx scripts/bench-explore.ts [ROUNDS]
// 1. Schedules and time of the exploration alone, per preemption bound, for unit 5's solution
//    with its two concurrent calls (and with three calls, to see what a third would cost).
// 2. Whole Checks (gradeSubmission) of the unit 5 and 6 solutions with the default bounds:
//    median and p95 over ROUNDS checks after a warm-up, and the schedules each explored.
// Prints `uptime` first: the figures only mean something on a quiet machine.
import { execSync } from "node:child_process";
import { closeWorkerPool } from "../lib/runner/index";
import { gradeSubmission } from "../lib/lessons/grade";
import { loadCourse } from "../lib/lessons/loader";
import { loadChecks } from "../lib/lessons/grading/checks-loader";
import { concurrentSuffix } from "../lib/lessons/grading/concurrent-calls";
import { EXPLORE_BOUNDS, exploreSchedules } from "../lib/lessons/grading/explore";
import { EXPLORE_TEST_NAME } from "../lib/lessons/grading/explore-test";
import { GRADING_LIMITS, gradedKeys } from "../lib/lessons/grading/scenarios";
import { runScript } from "./run-script";

const rounds = Number(process.argv[2] ?? 20);
const course = loadCourse();
const exercises = course.filter((u) => (loadChecks(u.slug)?.concurrentCalls.length ?? 0) > 0);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;

async function main(): Promise<void> {
  console.log(`uptime: ${execSync("uptime").toString().trim()}`);
  const likes = exercises.find((u) => u.slug === "update-likes")!;
  const checks = loadChecks(likes.slug)!;
  // Warm-up: the worker pool and its sandboxes start once, which is not a check's cost.
  for (const unit of exercises) await gradeSubmission(unit, unit.solution!);

  console.log(`\nExploration alone (${likes.slug} solution; systematic capped at ${EXPLORE_BOUNDS.maxSchedules}, ${EXPLORE_BOUNDS.concurrency} in flight, no random runs):`);
  const third = { ...checks, concurrentCalls: [...checks.concurrentCalls, { ...checks.concurrentCalls[0]!, text: "updateLikes(99, 3)", delta: 3 }] };
  for (const [label, c] of [["2 calls", checks], ["3 calls", third]] as const) {
    for (const preemptions of [0, 1, 2, 3]) {
      const base = { source: likes.solution! + concurrentSuffix(c), setup: likes.setup, inspectKeys: gradedKeys(likes, checks.keys), limits: GRADING_LIMITS };
      const e = await exploreSchedules(base, undefined, { ...EXPLORE_BOUNDS, preemptions, maxSchedules: 400, random: 0 });
      const bad = e.runs.filter((r) => r.result.status !== "ok").length;
      // What the client's CPU share is charged (lib/admission): the sandbox CPU of every run.
      const cpu = e.runs.reduce((sum, r) => sum + r.result.timings.cpuMs, 0);
      console.log(`  ${label}, <= ${preemptions} preemptions: ${String(e.summary.systematic).padStart(4)} schedules in ${ms(e.summary.ms)}, sandbox CPU ${ms(cpu)}${e.summary.complete ? "" : " (cut at the cap)"}${bad ? `, ${bad} not ok` : ""}`);
    }
  }

  console.log(`\nWhole Checks with the default bounds (${EXPLORE_BOUNDS.preemptions} preemptions, cap ${EXPLORE_BOUNDS.maxSchedules}, ${EXPLORE_BOUNDS.random} random), ${rounds} rounds per unit:`);
  for (const unit of exercises) {
    const times: number[] = [];
    const exploreMs: number[] = [];
    let schedules = "";
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const g = await gradeSubmission(unit, unit.solution!);
      times.push(performance.now() - t0);
      if (g.status !== "pass") throw new Error(`${unit.slug}: the solution did not pass (${g.status})`);
      const x = g.tests.find((t) => t.name === EXPLORE_TEST_NAME)?.explored;
      if (!x) throw new Error(`${unit.slug}: no exploration ran`);
      exploreMs.push(x.ms);
      schedules = `${x.systematic} systematic${x.complete ? " (complete)" : ""} + ${x.random} random`;
    }
    times.sort((a, b) => a - b);
    exploreMs.sort((a, b) => a - b);
    console.log(`  ${unit.slug.padEnd(16)} check median ${ms(pct(times, 50))}  p95 ${ms(pct(times, 95))}   exploration median ${ms(pct(exploreMs, 50))}  p95 ${ms(pct(exploreMs, 95))}   ${schedules}`);
  }
  console.log(`\nuptime: ${execSync("uptime").toString().trim()}`);
}

runScript(main, closeWorkerPool);
