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
 * - schedule: every bridge call of every lane waits at a gate, and `choices` (one trace client
 *   letter per step) says which lane goes next whenever the run is quiescent - a deterministic,
 *   replayable interleaving. `others[i]` are extra lanes ("other clients") opened first, so they
 *   are A, B, ... and the program's connections follow; each sends its commands one per step.
 *   When the choices are used up, `then: "pause"` ends the run there (RunResult.schedule.paused
 *   and its frontier), `then: "finish"` goes on to the end (the last lane keeps going, or a
 *   seeded random pick with `seed`). See
 *   schedule.ts for the semantics (quiescence, timers, errors).
 */
import { z } from "zod";
import { commandSpec } from "../../commands/catalogue";

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

/** Longest `choices` a schedule plan may carry: a few hundred steps covers any lesson program. */
export const SCHEDULE_MAX_STEPS = 500;
/** At most this many "other client" lanes, each with at most SCHEDULE_MAX_OTHER_COMMANDS commands. */
export const SCHEDULE_MAX_OTHERS = 4;
export const SCHEDULE_MAX_OTHER_COMMANDS = 50;

/** MULTI, EXEC and DISCARD: the client's own transaction (multi({ pipeline: false })), one step each. */
const TRANSACTION_COMMANDS = ["MULTI", "EXEC", "DISCARD"];

/** A command an "other client" lane sends in a schedule plan: any allowed command, MULTI/EXEC included. */
export const planCommandSchema = z.strictObject({
  name: z
    .string()
    .max(20)
    .regex(/^[A-Z][A-Z0-9]*$/, "must be an upper-case Redis command, e.g. INCRBY")
    .refine((n) => TRANSACTION_COMMANDS.includes(n) || commandSpec(n) !== undefined, "must be a command the playground allows"),
  args: z.array(arg).max(10, "at most 10 arguments"),
});

export const schedulePlanSchema = z.strictObject({
  kind: z.literal("schedule"),
  /** One trace client letter per step, e.g. "ACCDDC" (letters A-Z only). */
  choices: z
    .string()
    .max(SCHEDULE_MAX_STEPS, `at most ${SCHEDULE_MAX_STEPS} steps`)
    .regex(/^[A-Z]*$/, "must be client letters A-Z, e.g. ACCD"),
  /** Extra lanes, opened before the program runs (letters A, B, ... in this order). */
  others: z
    .array(z.strictObject({ commands: z.array(planCommandSchema).min(1).max(SCHEDULE_MAX_OTHER_COMMANDS) }))
    .max(SCHEDULE_MAX_OTHERS)
    .optional(),
  /** What happens once `choices` is used up: stop right there, or go on to the end (see schedule.ts for the policy). */
  then: z.enum(["pause", "finish"]),
  /** Only with `then: "finish"`: the rest of the steps pick pending lanes at random, from this seed. */
  seed: z.number().int().nonnegative().max(2 ** 32 - 1).optional(),
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
  schedulePlanSchema,
]);

export type PlanWrite = z.infer<typeof planWriteSchema>;
export type InterferencePlan = z.infer<typeof interferencePlanSchema>;
export type PlanCommand = z.infer<typeof planCommandSchema>;
export type SchedulePlan = z.infer<typeof schedulePlanSchema>;
