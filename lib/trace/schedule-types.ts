/**
 * What a run under a schedule plan (lib/runner/plans/schedule.ts) reports besides its trace:
 * the steps it took, each lane's next command when it paused, and its lanes. Isomorphic, so the
 * race lab's explorer renders it as it is; RunResult.schedule carries one.
 */
import type { TraceClient } from "./types";

/** One step of a schedule: which lane went, which lanes could have (the choice point). */
export interface ScheduleStep {
  /** The lane released at this step (a trace client letter). */
  client: string;
  /** Every lane that had a command waiting at this step, letters in order, e.g. "CD". */
  pending: string;
  /** Seq of the first trace event the step produced; null when it produced none (the run ended first). */
  seq: number | null;
}

/** A lane's next command, waiting at the gate when the run paused. */
export interface ScheduleFrontierEntry {
  client: string;
  /** Upper-case command name; "MULTI" for a whole multi()...exec() batch (see `batch`). */
  name: string;
  /** As the learner wrote them, shortened. */
  args: string[];
  /** The learner's line; null for an "other client" lane's command. */
  line: number | null;
  /** A batch step (multi()...exec(), pipeline()...exec()): every command it sends, in order. */
  batch?: { name: string; args: string[] }[];
}

export interface ScheduleLane {
  client: string;
  label: string;
  origin: TraceClient["origin"];
  /** Sends nothing more: it quit, its "other client" commands are used up, or the run ended. */
  done: boolean;
}

export interface ScheduleResult {
  /** Every step taken, one letter each - the choices, then any the "finish" policy took. */
  taken: string;
  /** True when the run stopped because the choices were used up (`then: "pause"`) with commands waiting. */
  paused: boolean;
  steps: ScheduleStep[];
  /** Each lane's next command when the run paused (empty when it did not pause). */
  frontier: ScheduleFrontierEntry[];
  lanes: ScheduleLane[];
}
