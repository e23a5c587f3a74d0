/**
 * The zod schema of a unit's unit.json: every field of `Unit` that does not come from a file
 * (slug, order, prose, starter, solution come from the folder). Strict: an unknown or
 * misspelled key is an error, so a typo in content fails loudly instead of being ignored.
 */
import { z } from "zod";
import type { InterferencePlan, PlanWrite } from "../runner/types";
import type { Unit, UnitScenario } from "./types";

const text = z.string().trim().min(1, "must not be empty");
const arg = z.union([z.string(), z.number()]);
const commandName = z.string().regex(/^[A-Z][A-Z0-9]*$/, "must be an upper-case Redis command, e.g. INCRBY");
const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

export const planWriteSchema = z.strictObject({
  name: commandName,
  args: z.tuple([z.string().min(1, "the key must not be empty")], arg),
});

export const interferencePlanSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("conflict"),
    attempts: z
      .array(positiveInt)
      .min(1, "name at least one attempt")
      .refine((a) => new Set(a).size === a.length, "attempts must not repeat"),
    write: planWriteSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal("writer"),
    write: planWriteSchema,
    times: positiveInt,
    everyMs: nonNegativeInt,
    startAfterMs: nonNegativeInt.optional(),
  }),
  z.strictObject({
    kind: z.literal("step"),
    idleTimeoutMs: positiveInt.optional(),
  }),
]);

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
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type ParsedPlan = z.infer<typeof interferencePlanSchema>;
export type _PlanFits = Assert<ParsedPlan extends InterferencePlan ? true : false>;
// A plan kind added to the contract must be added here too.
export type _PlanKindsMatch = Assert<Same<ParsedPlan["kind"], InterferencePlan["kind"]>>;
export type _WriteFits = Assert<z.infer<typeof planWriteSchema> extends PlanWrite ? true : false>;
export type _ScenarioFits = Assert<z.infer<typeof scenarioSchema> extends UnitScenario ? true : false>;
export type _UnitFileFits = Assert<
  UnitFile extends Omit<Unit, "slug" | "order" | "prose" | "starter" | "solution"> ? true : false
>;
