/**
 * The race lab's explorer: one step of a hand-made interleaving is one run of the program under
 * a schedule plan (lib/runner/plans/schedule.ts) with the choices so far and `then: "pause"` -
 * replayed from the start on a fresh namespace, so undo is a shorter `choices` and a shared
 * link is just the choices. Pure request building, like plan.ts: the unit and its checks are
 * looked up by the caller.
 *
 * With `concurrentCalls`, the grader's concurrent calls of the exercise's function are added after
 * the program, exactly as the grader runs them - so a failing check's schedule (GradeTest.schedule)
 * opens here as the same run.
 */
import "../zod-browser";
import { z } from "zod";
import { CODE_MAX_CHARS } from "../runner/limits/code-size";
import { planCommandSchema, SCHEDULE_MAX_OTHER_COMMANDS, SCHEDULE_MAX_OTHERS, SCHEDULE_MAX_STEPS } from "../runner/plans/schema";
import type { RunRequest } from "../runner/types";
import type { Unit } from "../lessons/types";
import type { UnitChecks } from "../lessons/grading/checks-schema";
import { concurrentSuffix } from "../lessons/grading/concurrent-calls";
import { commandSpec } from "../commands/catalogue";

export const exploreSchema = z
  .object({
    unit: z.string().regex(/^[a-z0-9-]{1,60}$/),
    /** Pasted code run with the unit's setup; default: the unit's solution (or starter). */
    source: z.string().min(1).max(CODE_MAX_CHARS, "The code is longer than 64 KB.").optional(),
    /** Extra lanes: "other clients", each with its commands (they are A, B, ... in this order). */
    others: z
      .array(z.strictObject({ commands: z.array(planCommandSchema).min(1).max(SCHEDULE_MAX_OTHER_COMMANDS) }))
      .max(SCHEDULE_MAX_OTHERS)
      .default([]),
    /** The steps chosen so far, one client letter each (the `?schedule=` of the page). */
    choices: z
      .string()
      .max(SCHEDULE_MAX_STEPS)
      .regex(/^[A-Z]*$/, "A schedule is client letters A-Z."),
    /** Add the grader's concurrent calls of the exercise's function after the program. */
    concurrentCalls: z.boolean().default(false),
  })
  .strict();
export type ExploreInput = z.input<typeof exploreSchema>;
export type Explore = z.output<typeof exploreSchema>;

export type ExploreRun = { ok: true; request: Omit<RunRequest, "runId" | "stream">; title: string; inspectKeys: string[] } | { ok: false; message: string };

export function buildExploreRun(input: Explore, findUnit: (slug: string) => Unit | undefined, findChecks: (slug: string) => UnitChecks | null): ExploreRun {
  const unit = findUnit(input.unit);
  if (!unit) return { ok: false, message: "That unit does not exist. Pick one from the list." };
  let source = input.source ?? unit.solution ?? unit.starter;
  let inspectKeys = unit.inspectKeys;
  if (input.concurrentCalls) {
    const checks = findChecks(unit.slug);
    if (!checks || checks.concurrentCalls.length === 0) return { ok: false, message: "This unit has no concurrent calls to explore. Pick an exercise such as update-likes." };
    source += concurrentSuffix(checks);
    inspectKeys = [...new Set([...inspectKeys, ...checks.concurrentCalls.map((c) => c.key)])];
  }
  // The final values shown include what the other clients touched.
  for (const o of input.others) {
    for (const c of o.commands) {
      const key = c.args[0];
      const kind = commandSpec(c.name)?.kind;
      if ((kind === "read" || kind === "write") && key !== undefined && !inspectKeys.includes(String(key))) inspectKeys = [...inspectKeys, String(key)];
    }
  }
  return {
    ok: true,
    title: `Unit ${unit.order}: ${unit.title}`,
    inspectKeys: inspectKeys.slice(0, 20),
    request: {
      source,
      setup: unit.setup,
      inspectKeys: inspectKeys.slice(0, 20),
      plan: { kind: "schedule", choices: input.choices, then: "pause", ...(input.others.length > 0 ? { others: input.others } : {}) },
    },
  };
}
