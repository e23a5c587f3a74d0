/**
 * The content model of a course unit: one folder under lessons/, validated by lib/lessons/schema.ts.
 * A course author adds a unit by adding a folder; no code changes.
 */
import type { InterferencePlan } from "../runner/types";

export type UnitKind = "lesson" | "practice" | "exercise";

/** A staged race the learner can start with one click on a practice unit. */
export interface UnitScenario {
  /** Stable id used in URLs and tests, e.g. "staged-conflict". */
  id: string;
  /** Button text, e.g. "Run with a staged conflict". */
  label: string;
  /** One sentence on what the learner will see. */
  description: string;
  plan: InterferencePlan;
}

/** What a correct program produces; the e2e tests and the grader check these. */
export interface UnitExpectation {
  /** Lines the console output must contain as whole lines, exactly and in this order (others may be between). */
  outputIncludes: string[];
  /** Redis values after the run (learner key names, string values as Redis returns them). */
  finalState: Record<string, string>;
}

export interface Unit {
  /** URL slug and folder name without its order prefix, e.g. "watch-basics". */
  slug: string;
  /** Position in the course, 1-based (from the folder prefix "01-"). */
  order: number;
  title: string;
  kind: UnitKind;
  /** One line shown on the course page. */
  summary: string;
  /** The prose, Markdown (lesson.md). */
  prose: string;
  /** What the editor starts with (starter.ts). */
  starter: string;
  /** The reference solution (solution.ts); exercises only. */
  solution?: string;
  /** Redis commands run before the program, not traced, e.g. [["SET","balance:1","100"]]. */
  setup: (string | number)[][];
  /** Keys whose final values are shown and checked. */
  inspectKeys: string[];
  expected: UnitExpectation;
  /** One-click staged races (practice units). */
  scenarios: UnitScenario[];
  /** Short hints shown on request, in order. */
  hints: string[];
}
