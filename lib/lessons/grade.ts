/**
 * Race-proof grading: run a submission alone, under staged conflicts and with concurrent
 * calls, against the real Redis, and judge the final values and the trace - not only the
 * output. What to check comes from the unit's content (unit.json + checks.json).
 */
import type { RunErrorInfo } from "../runner/types";
import { CHECK_NOT_RUN, NO_CHECKS } from "../errors";
import type { GradeError, GradeResult, GradeStatus, GradeTest } from "./grade-types";
import { loadChecks } from "./grading/checks-loader";
import { buildScenarios, GRADING_LIMITS, gradedKeys, runScenarios, type ScenarioRun } from "./grading/scenarios";
import { exploreSchedules, type Exploration } from "./grading/explore";
import { exploreTest } from "./grading/explore-test";
import { TESTS, type GradeContext } from "./grading/tests";
import type { Unit } from "./types";
import { enterClient } from "../admission";

export type { GradeResult, GradeTest, GradeStatus } from "./grade-types";

/** Failures that are ours or the server's, not the learner's: the check could not run. */
const INFRA: ReadonlySet<RunErrorInfo["code"]> = new Set(["redis_unavailable", "internal", "bad_request", "busy", "rate_limited"]);

export interface GradeOptions {
  /** Who asked (ClientIdentity.key): the Check is one unit of this client's share, see below. */
  client?: string;
}

export async function gradeSubmission(unit: Unit, source: string, opts: GradeOptions = {}): Promise<GradeResult> {
  const t0 = performance.now();
  const done = (status: GradeStatus, tests: GradeTest[], error?: GradeError): GradeResult => ({
    version: 1,
    unit: unit.slug,
    status,
    tests,
    ...(error ? { error } : {}),
    durationMs: Math.round(performance.now() - t0),
  });

  let checks;
  try {
    checks = loadChecks(unit.slug);
  } catch (err) {
    console.error("gradeSubmission: invalid checks.json", err);
    return done("error", [], { ...NO_CHECKS });
  }
  const scenarios = buildScenarios(checks);
  const concurrent = scenarios.find((s) => s.kind === "concurrent");
  // A Check is one unit in flight for its client (its runs go out together; counted one by one
  // it would use up the bound alone) but counts its scenario runs per minute: that is what it
  // costs. The schedule exploration counts as one more: its runs are small, at most
  // EXPLORE_BOUNDS.concurrency at once, each admitted by the fair queue and charged its CPU.
  const entered = opts.client ? await enterClient(opts.client, scenarios.length + (concurrent ? 1 : 0)) : undefined;
  if (entered && !entered.ok) return done("error", [], errorOf(entered.error));
  const turn = entered?.turn;
  let runs: ScenarioRun[];
  let exploration: Exploration | undefined;
  const explore = concurrent
    ? async () => {
        const base = { source: source + concurrent.suffix, setup: unit.setup, inspectKeys: gradedKeys(unit, checks?.keys ?? []), limits: GRADING_LIMITS };
        exploration = await exploreSchedules(base, turn);
      }
    : undefined;
  try {
    runs = await runScenarios(unit, source, scenarios, checks?.keys ?? [], turn, explore);
  } finally {
    turn?.release();
  }

  // The plain run decides whether the program runs at all.
  const base = runs[0]!.result;
  if (base.status !== "ok") return done("error", [], errorOf(base.error));
  const infra = runs.find((r) => r.result.error && INFRA.has(r.result.error.code));
  if (infra) return done("error", [], errorOf(infra.result.error));

  const ctx: GradeContext = { unit, checks, source };
  const tests = TESTS.filter((t) => t.applies(ctx)).map((t) => evaluate(t.name, runs.filter(t.uses), (r) => t.check(r, ctx)));
  if (exploration && concurrent && checks) tests.push(exploreTest(exploration, unit, checks, concurrent, INFRA));
  const status: GradeStatus = tests.length === 0 || tests.some((t) => t.status === "fail") ? "fail" : tests.every((t) => t.status === "pass") ? "pass" : "error";
  return done(status, tests);
}

function evaluate(name: string, runs: ScenarioRun[], check: (r: ScenarioRun) => string | null): GradeTest {
  if (runs.length === 0) return { name, status: "error", message: "No scenario ran for this check.", scenario: "" };
  for (const run of runs) {
    const message = check(run);
    if (message !== null) return { name, status: "fail", message, scenario: run.scenario.description, trace: run.result.trace };
  }
  return { name, status: "pass", message: "", scenario: runs.map((r) => r.scenario.description).join("; ") };
}

function errorOf(e: RunErrorInfo | undefined): GradeError {
  if (!e) return { ...CHECK_NOT_RUN };
  return { code: e.code, message: e.message, ...(e.line !== undefined ? { line: e.line } : {}), ...(e.column !== undefined ? { column: e.column } : {}) };
}
