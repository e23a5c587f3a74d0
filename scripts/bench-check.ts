// How long one Check takes server-side: gradeSubmission on each exercise's reference solution.
//   node scripts/with-redis.mjs -- npx tsx scripts/bench-check.ts [ROUNDS]
// Prints median and p95 per unit after a warm-up (worker pool start is not a check's cost).
import { closeWorkerPool } from "../lib/runner/index";
import { gradeSubmission } from "../lib/lessons/grade";
import { loadCourse } from "../lib/lessons/loader";
import { runScript } from "./run-script";

const rounds = Number(process.argv[2] ?? 20);
const exercises = loadCourse().filter((u) => u.solution);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  for (const unit of exercises) await gradeSubmission(unit, unit.solution!);
  console.log(`gradeSubmission, ${rounds} rounds per unit (each check runs its scenarios concurrently)`);
  for (const unit of exercises) {
    const times: number[] = [];
    let runs = 0;
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      const g = await gradeSubmission(unit, unit.solution!);
      times.push(performance.now() - t0);
      if (g.status !== "pass") throw new Error(`${unit.slug}: the solution did not pass (${g.status})`);
      runs = g.tests.length;
    }
    times.sort((a, b) => a - b);
    const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
    console.log(`  ${unit.slug.padEnd(16)} median ${ms(pct(times, 50))}   p95 ${ms(pct(times, 95))}   min ${ms(times[0]!)}   (${runs} tests)`);
  }
}

runScript(main, closeWorkerPool);
