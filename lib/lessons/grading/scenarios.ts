/**
 * The situations a submission is run in: alone, with staged conflicts, with the unit's own
 * staged races, and with two calls at once. All runs of one check go out together.
 */
import { runProgram } from "../../runner/index";
import type { InterferencePlan, RunResult } from "../../runner/types";
import type { Unit } from "../types";
import type { UnitChecks } from "./checks-schema";

export type ScenarioKind = "baseline" | "conflict" | "concurrent";

export interface Scenario {
  id: string;
  kind: ScenarioKind;
  /** For the learner, next to a failing test. */
  description: string;
  plan?: InterferencePlan;
  /** Code the grader adds after the program (the concurrent calls). */
  suffix?: string;
  /** Added to the key by calls the grader made (not the program's own). */
  extraDelta: Map<string, number>;
}

export interface ScenarioRun {
  scenario: Scenario;
  result: RunResult;
}

/** Tight enough that a retry loop that never ends fails the check in seconds, not minutes. */
const GRADING_LIMITS = { wallMs: 5_000, commands: 1_000 };

export function buildScenarios(checks: UnitChecks | null): Scenario[] {
  const none = new Map<string, number>();
  const list: Scenario[] = [{ id: "baseline", kind: "baseline", description: "your program on its own, no other client", extraDelta: none }];
  if (!checks) return list;
  list.push(
    {
      id: "conflict-1",
      kind: "conflict",
      description: "another client adds 1 to the key right after your first read (attempt 1)",
      plan: { kind: "conflict", attempts: [1] },
      extraDelta: none,
    },
    {
      id: "conflict-1-2-3",
      kind: "conflict",
      description: "another client adds 1 to the key right after each of your first three reads (attempts 1, 2 and 3 conflict)",
      plan: { kind: "conflict", attempts: [1, 2, 3] },
      extraDelta: none,
    },
    ...checks.scenarios.map((s): Scenario => ({ id: s.id, kind: "conflict", description: s.description, plan: s.plan, extraDelta: none })),
  );
  if (checks.concurrentCalls.length > 0) {
    const extra = new Map<string, number>();
    for (const c of checks.concurrentCalls) extra.set(c.key, (extra.get(c.key) ?? 0) + c.delta);
    const texts = checks.concurrentCalls.map((c) => c.text);
    list.push({
      id: "concurrent",
      kind: "concurrent",
      description: `after your program, the grader calls ${texts.join(" and ")} at the same time`,
      // A leading semicolon keeps the learner's last line from running into ours.
      suffix: `\n;await Promise.all([${texts.join(", ")}]);\n`,
      extraDelta: extra,
    });
  }
  return list;
}

export async function runScenarios(unit: Unit, source: string, scenarios: Scenario[], keys: string[]): Promise<ScenarioRun[]> {
  const inspectKeys = [...new Set([...unit.inspectKeys, ...keys])];
  return Promise.all(
    scenarios.map(async (scenario) => ({
      scenario,
      result: await runProgram({
        source: scenario.suffix ? source + scenario.suffix : source,
        setup: unit.setup,
        inspectKeys,
        plan: scenario.plan,
        limits: GRADING_LIMITS,
      }),
    })),
  );
}

/** The key's value before the program ran: the setup's SET, or 0 for a missing key. */
export function setupValue(unit: Unit, key: string): number {
  let value = 0;
  for (const [name, k, v] of unit.setup) if (name === "SET" && String(k) === key) value = Number(v);
  return value;
}
