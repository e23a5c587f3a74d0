/**
 * The schedule part of the grading contract: on a failing "any interleaving" test, the shortest
 * interleaving the grader found that breaks the submission - so "Show me" opens it in the race
 * lab's explorer (lib/race/explore.ts with `concurrentCalls: true` and these `choices`), paused
 * at the step where the update is lost. One schema for the grader, the route that opens it and
 * the UI; the type derives from it.
 */
import "../zod-browser";
import { z } from "zod";

export const gradeScheduleSchema = z.strictObject({
  /** The failing interleaving, one client letter per step, cut at the step where it went wrong (the lost write). */
  choices: z.string().regex(/^[A-Z]*$/).max(500),
  /** The test it belongs to: the grader's concurrent calls, added after the program. */
  scenario: z.literal("concurrent"),
  /** How many of the steps are the concurrent calls' (the rest are the program's own part, before them). */
  concurrentSteps: z.number().int().nonnegative(),
  /** What went wrong in it, in plain words (the lost update and the two reads that saw the same value). */
  sentence: z.string(),
  /** Seq of the write that lost the update, when it is one (the explorer highlights it). */
  lostAtSeq: z.number().int().positive().nullable(),
});
export type GradeSchedule = z.infer<typeof gradeScheduleSchema>;

/** How much the grader explored, for the note under a check: schedules run and the bounds used. */
export const explorationSummarySchema = z.strictObject({
  /** Interleavings with at most `preemptions` preemptions, tried in order of fewer preemptions first. */
  systematic: z.number().int().nonnegative(),
  /** True when every interleaving within the bound was tried (not cut by the cap). */
  complete: z.boolean(),
  preemptions: z.number().int().nonnegative(),
  /** Seeded random interleavings beyond the bound. */
  random: z.number().int().nonnegative(),
  /** Wall time of the exploration, ms. */
  ms: z.number().nonnegative(),
});
export type ExplorationSummary = z.infer<typeof explorationSummarySchema>;
