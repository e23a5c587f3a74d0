/**
 * The situations a submission is run in: alone, with staged conflicts, with the unit's own
 * staged races, and with two calls at once. All runs of one check go out together.
 */
import { runProgram, type ClientTurn } from "../../runner/index";
import type { InterferencePlan, RunResult } from "../../runner/types";
import type { Unit } from "../types";
import type { UnitChecks } from "./checks-schema";
import { concurrentDescription, concurrentSuffix } from "./concurrent-calls";

export type ScenarioKind = "baseline" | "conflict" | "concurrent";

export interface Scenario {
  id: string;
  kind: ScenarioKind;
  /** For the learner, next to a failing test. */
  description: string;
  plan?: InterferencePlan;
  /** Code the grader adds after the program (the concurrent calls). */
  suffix?: string;
  /** A correct program sees at least one aborted EXEC here (false for a staged write on a rejected update). */
  expectsAbort: boolean;
  /** Added to the key by calls the grader made (not the program's own). */
  extraDelta: Map<string, number>;
}

export interface ScenarioRun {
  scenario: Scenario;
  result: RunResult;
}

/**
 * A retry loop that never ends hits the command limit within a second or two. The wall limit
 * stays the default (it charges no time spent queued or behind other runs).
 */
export const GRADING_LIMITS = { commands: 1_000 };

export function buildScenarios(checks: UnitChecks | null): Scenario[] {
  const none = new Map<string, number>();
  const list: Scenario[] = [{ id: "baseline", kind: "baseline", description: "your program on its own, no other client", expectsAbort: false, extraDelta: none }];
  if (!checks) return list;
  list.push(
    {
      id: "conflict-1",
      kind: "conflict",
      description: "another client adds 1 to the key right after your first read (attempt 1)",
      plan: { kind: "conflict", attempts: [1] },
      expectsAbort: true,
      extraDelta: none,
    },
    {
      id: "conflict-1-2-3",
      kind: "conflict",
      description: "another client adds 1 to the key right after each of your first three reads (attempts 1, 2 and 3 conflict)",
      plan: { kind: "conflict", attempts: [1, 2, 3] },
      expectsAbort: true,
      extraDelta: none,
    },
    ...checks.scenarios.map((s): Scenario => ({ id: s.id, kind: "conflict", description: s.description, plan: s.plan, expectsAbort: s.expectsAbort, extraDelta: none })),
  );
  if (checks.concurrentCalls.length > 0) {
    const extra = new Map<string, number>();
    for (const c of checks.concurrentCalls) extra.set(c.key, (extra.get(c.key) ?? 0) + c.delta);
    list.push({
      id: "concurrent",
      kind: "concurrent",
      description: concurrentDescription(checks),
      expectsAbort: false,
      suffix: concurrentSuffix(checks),
      extraDelta: extra,
    });
  }
  return list;
}

/** The keys a Check reads at the end of each run: the unit's and the checks'. */
export const gradedKeys = (unit: Unit, keys: string[]): string[] => [...new Set([...unit.inspectKeys, ...keys])];

/**
 * `turn`: the client's unit the whole Check runs under (see lib/lessons/grade.ts). The plain run
 * goes first and alone: when it fails the grade is decided, and the other scenarios - a busy
 * loop's worth of CPU each - are never started. The rest then run at the same time, and with
 * them `alongside` (the schedule exploration), when given.
 */
export async function runScenarios(unit: Unit, source: string, scenarios: Scenario[], keys: string[], turn?: ClientTurn, alongside?: () => Promise<void>): Promise<ScenarioRun[]> {
  const inspectKeys = gradedKeys(unit, keys);
  const run = async (scenario: Scenario): Promise<ScenarioRun> => ({
    scenario,
    result: await runProgram({
      source: scenario.suffix ? source + scenario.suffix : source,
      setup: unit.setup,
      inspectKeys,
      plan: scenario.plan,
      limits: GRADING_LIMITS,
    }, { turn }),
  });
  const [first, ...rest] = scenarios;
  if (!first) return [];
  const base = await run(first);
  if (base.result.status !== "ok") return [base];
  const [others] = await Promise.all([Promise.all(rest.map(run)), alongside?.()]);
  return [base, ...others];
}

/** The key's value before the program ran: the setup's SET, or 0 for a missing key. */
export function setupValue(unit: Unit, key: string): number {
  let value = 0;
  for (const [name, k, v] of unit.setup) if (name === "SET" && String(k) === key) value = Number(v);
  return value;
}
