/**
 * The one description of an interference plan: what a lesson's scenario, the engine's request
 * (server actions, CLI, race lab) and a step-mode control signal may say. Both the contract's
 * types (`InterferencePlan`, `PlanWrite`) and every validation derive from it.
 *
 * - conflict: after A reads a key it is WATCHing, on the listed attempts, B sends `write`
 *   (default: INCRBY <that key> 1) before A's read returns - so A's EXEC is aborted.
 * - writer: B sends `write` `times` times, every `everyMs` ms, concurrently with the program.
 * - step: the run pauses before each command of the program's connections until a control
 *   signal (step, inject a write, resume, stop) arrives through Redis - see control.ts.
 */
import { z } from "zod";

const arg = z.union([z.string().max(10_000), z.number().finite()]);

/** A write the interference client sends: `INCRBY key 7`, `SET key 10`. The first argument is the key, as the learner names it. */
export const planWriteSchema = z.strictObject({
  name: z
    .string()
    .max(20)
    .regex(/^[A-Z][A-Z0-9]*$/, "must be an upper-case Redis command, e.g. INCRBY"),
  args: z
    .tuple([z.string().min(1, "the key must not be empty").max(200)], arg)
    .refine((a) => a.length <= 10, "at most 10 arguments"),
});

export const interferencePlanSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("conflict"),
    attempts: z
      .array(z.number().int().positive().max(100))
      .min(1, "name at least one attempt")
      .max(20)
      .refine((a) => new Set(a).size === a.length, "attempts must not repeat"),
    write: planWriteSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal("writer"),
    write: planWriteSchema,
    times: z.number().int().positive().max(1000),
    everyMs: z.number().int().nonnegative().max(10_000),
    startAfterMs: z.number().int().nonnegative().max(10_000).optional(),
  }),
  z.strictObject({
    kind: z.literal("step"),
    /** How long a paused run waits for the presenter before it ends (default STEP_IDLE_MS). */
    idleTimeoutMs: z
      .number()
      .int()
      .min(1000)
      .max(30 * 60_000)
      .optional(),
  }),
]);

export type PlanWrite = z.infer<typeof planWriteSchema>;
export type InterferencePlan = z.infer<typeof interferencePlanSchema>;
