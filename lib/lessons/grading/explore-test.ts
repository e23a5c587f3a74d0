/**
 * The "any interleaving" test: every explored schedule (explore.ts) must finish with no update
 * lost. On failure it reports the shortest failing schedule, cut at the step where the update was
 * lost, so the explorer can open it there (GradeTest.schedule).
 */
import type { RunErrorInfo } from "../../runner/types";
import { findLostUpdate } from "../../trace";
import type { GradeSchedule } from "../grade-schedule";
import type { GradeTest } from "../grade-types";
import type { Unit } from "../types";
import type { UnitChecks } from "./checks-schema";
import type { Exploration, ExploredRun } from "./explore";
import { lostUpdateMessage } from "./lost-update";
import { allFindings } from "./mistakes";
import { setupValue, type Scenario } from "./scenarios";

export const EXPLORE_TEST_NAME = "No update is lost in any interleaving of two calls at the same time";

interface Failure {
  run: ExploredRun;
  schedule: GradeSchedule;
  message: string;
}

export function exploreTest(exploration: Exploration, unit: Unit, checks: UnitChecks, scenario: Scenario, infra: ReadonlySet<RunErrorInfo["code"]>): GradeTest {
  const calls = checks.concurrentCalls.map((c) => c.text).join(" and ");
  const explored = exploration.summary;
  const failures: Failure[] = [];
  let notRun = 0;
  for (const run of exploration.runs) {
    if (run.result.error && infra.has(run.result.error.code)) notRun++;
    else {
      const f = judge(run, unit, checks, scenario, calls);
      if (f) failures.push(f);
    }
  }
  // Shortest first, then in letter order: the same failing schedule on every check.
  const shortest = failures.sort((a, b) => a.schedule.choices.length - b.schedule.choices.length || (a.schedule.choices < b.schedule.choices ? -1 : 1))[0];
  if (shortest) return { name: EXPLORE_TEST_NAME, status: "fail", message: shortest.message, scenario: scenario.description, trace: shortest.run.result.trace, schedule: shortest.schedule, explored };
  if (notRun > 0) return { name: EXPLORE_TEST_NAME, status: "error", message: `The playground was too busy to try every interleaving (${notRun} of ${exploration.runs.length} did not run). Check again in a moment.`, scenario: scenario.description, explored };
  return { name: EXPLORE_TEST_NAME, status: "pass", message: "", scenario: `${scenario.description}, in ${exploration.runs.length} different interleavings`, explored };
}

function judge(run: ExploredRun, unit: Unit, checks: UnitChecks, scenario: Scenario, calls: string): Failure | null {
  const r = run.result;
  const steps = r.schedule?.steps ?? [];
  const taken = r.schedule?.taken ?? run.prefix;
  const firstChoice = Math.max(0, steps.findIndex((s) => s.pending.length >= 2));
  const schedule = (choices: string, sentence: string, lostAtSeq: number | null): GradeSchedule => ({
    choices,
    scenario: "concurrent",
    concurrentSteps: Math.max(0, choices.length - firstChoice),
    sentence,
    lostAtSeq,
  });
  const where = (choices: string) => `With ${calls} interleaved step by step (schedule ${choices})`;
  if (r.status !== "ok") {
    const msg = r.error?.message ?? "it stopped early";
    const what = r.status === "timeout" || r.status === "limit" ? `a call did not finish: ${msg}` : `your program stopped with an error: ${msg}`;
    return { run, schedule: schedule(taken, what, null), message: `${where(taken)}, ${what}` };
  }
  const keys = [...new Set(checks.concurrentCalls.map((c) => c.key))];
  const lost = lostUpdateMessage(unit, checks, { scenario, result: r }, keys);
  if (!lost) return null;
  for (const key of keys) {
    const named = findLostUpdate(r.trace, { key, initial: setupValue(unit, key), final: r.finalState?.[key] });
    if (!named) continue;
    // Cut at the step that made the lost write: the explorer opens paused right after it.
    const at = steps.reduce((last, s, i) => (s.seq !== null && s.seq <= named.overwrite.seq ? i : last), steps.length - 1);
    const choices = taken.slice(0, at + 1);
    const cause = allFindings(r.trace, key)[0];
    return { run, schedule: schedule(choices, named.sentence, named.overwrite.seq), message: `${where(choices)}: ${named.sentence}${cause ? ` Cause: ${cause.message}` : ""}` };
  }
  return { run, schedule: schedule(taken, lost, null), message: `${where(taken)}: ${lost}` };
}
