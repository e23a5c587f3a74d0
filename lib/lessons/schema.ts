/**
 * The zod schema of a unit's unit.json: every field of `Unit` that does not come from a file
 * (slug, order, prose, starter, solution come from the folder). Strict: an unknown or
 * misspelled key is an error, so a typo in content fails loudly instead of being ignored.
 */
import { z } from "zod";
import { interferencePlanSchema, planWriteSchema } from "../runner/plans/schema";
import type { Unit, UnitScenario } from "./types";

const text = z.string().trim().min(1, "must not be empty");
const arg = z.union([z.string(), z.number()]);
const commandName = z.string().regex(/^[A-Z][A-Z0-9]*$/, "must be an upper-case Redis command, e.g. INCRBY");

// One plan schema for lessons, the engine and the race lab (lib/runner/plans/schema.ts).
export { interferencePlanSchema, planWriteSchema };

export const scenarioSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case, e.g. staged-conflict"),
  label: text,
  description: text,
  plan: interferencePlanSchema,
});

export const unitFileSchema = z
  .strictObject({
    title: text,
    kind: z.enum(["lesson", "practice", "exercise"]),
    summary: text,
    setup: z.array(z.tuple([commandName], arg)),
    inspectKeys: z.array(z.string().min(1)),
    expected: z.strictObject({
      outputIncludes: z.array(z.string()),
      finalState: z.record(z.string().min(1), z.string()),
    }),
    scenarios: z.array(scenarioSchema),
    hints: z.array(text),
  })
  .superRefine((unit, ctx) => {
    const inspected = new Set(unit.inspectKeys);
    if (inspected.size !== unit.inspectKeys.length) {
      ctx.addIssue({ code: "custom", path: ["inspectKeys"], message: "keys must not repeat" });
    }
    // The grader can only compare keys the runner reads back after the run.
    for (const key of Object.keys(unit.expected.finalState)) {
      if (!inspected.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: ["expected", "finalState", key],
          message: `"${key}" is not listed in inspectKeys`,
        });
      }
    }
    const ids = unit.scenarios.map((s) => s.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) {
        ctx.addIssue({ code: "custom", path: ["scenarios", i, "id"], message: `duplicate scenario id "${id}"` });
      }
    });
  });

/** The fields of a unit that come from unit.json. */
export type UnitFile = z.infer<typeof unitFileSchema>;

// Compile-time guards: the schema and the hand-written contracts must stay in step.
type Assert<T extends true> = T;
export type _ScenarioFits = Assert<z.infer<typeof scenarioSchema> extends UnitScenario ? true : false>;
export type _UnitFileFits = Assert<
  UnitFile extends Omit<Unit, "slug" | "order" | "prose" | "starter" | "solution"> ? true : false
>;

/** "expected.finalState.balance:1: must ..." - zod issues in content-author words. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issue.path.map(String).join(".");
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join("; ");
}
