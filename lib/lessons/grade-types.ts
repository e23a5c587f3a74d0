/**
 * The grading contract (version 1), shared by the grader, the CLI, the server action and the
 * UI. Modelled on exercism's runner output: "error" means the program could not run at all;
 * zero tests run is a fail, never a pass.
 */
import type { RunErrorInfo } from "../runner/types";
import type { Trace } from "../trace";
import type { ExplorationSummary, GradeSchedule } from "./grade-schedule";

export type { ExplorationSummary, GradeSchedule } from "./grade-schedule";

export type GradeStatus = "pass" | "fail" | "error";

export interface GradeTest {
  /** What is checked, in the learner's words: "No update is lost when another client writes". */
  name: string;
  /** "error" when the check could not be evaluated (its scenario did not run). */
  status: GradeStatus;
  /** Empty on a pass; on a fail, what went wrong concretely and the mistake's name. */
  message: string;
  /** The scenario the message is about, described for the learner: "another client writes after your first read". */
  scenario: string;
  /** The trace of the failing scenario, for the timeline. Only on a fail or error. */
  trace?: Trace;
  /** Only on the "any interleaving" test when it failed: the shortest failing schedule, to open in the explorer. */
  schedule?: GradeSchedule;
  /** Only on the "any interleaving" test: how many interleavings were explored, and how. */
  explored?: ExplorationSummary;
}

export interface GradeError {
  code: RunErrorInfo["code"] | "invalid_request" | "no_checks";
  /** Learner-facing: the runner's message, or ours. No host paths or stacks. */
  message: string;
  line?: number;
  column?: number;
}

export interface GradeResult {
  version: 1;
  /** The unit's slug, e.g. "update-likes". */
  unit: string;
  status: GradeStatus;
  /** In a fixed order per unit; empty when status is "error". */
  tests: GradeTest[];
  /** Only when status is "error": why the program could not be graded. */
  error?: GradeError;
  /** Wall time of the whole check, ms. */
  durationMs: number;
}
