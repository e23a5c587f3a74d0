import type { ErrorCode, LimitFigures, PlaygroundError } from "../errors";
import type { RunStatus, Trace, TraceValue } from "../trace";
import type { ScheduleResult } from "../trace/schedule-types";

export type { ScheduleFrontierEntry, ScheduleLane, ScheduleResult, ScheduleStep } from "../trace/schedule-types";

/** Interference plans: one schema, in the plans stage (see plans/schema.ts). */
export type { InterferencePlan, PlanWrite } from "./plans/schema";
import type { InterferencePlan } from "./plans/schema";

/** A run's limits; the figures the learner-facing messages name are the same ones (lib/errors). */
export type RunLimits = LimitFigures;

export interface RunRequest {
  /** The learner's TypeScript. */
  source: string;
  /** Commands run before the program on a setup connection, e.g. [["SET","balance:1","100"]]. Not traced. */
  setup?: (string | number)[][];
  plan?: InterferencePlan;
  limits?: Partial<RunLimits>;
  /** Pre-chosen run id (race lab, streaming); generated when absent. [A-Za-z0-9_-]{6,40} */
  runId?: string;
  /** Publish every event to the run's Redis Stream as it happens (race lab / SSE). */
  stream?: boolean;
  /** Read these keys (learner names) after the program ends, before cleanup; see RunResult.finalState. */
  inspectKeys?: string[];
  /**
   * Who asked (ClientIdentity.key from lib/http/client-id): bounds this client's runs in flight,
   * per minute and its CPU share, and is its lane in the fair queue. Absent for our own callers
   * (CLI, benchmarks, tests), which share one lane and have no per-client bounds.
   */
  client?: string;
}

/**
 * A run's error: a code of the playground's error catalogue (lib/errors) and its learner-facing
 * message - what happened and what to do; no host paths, prefixes or host stacks.
 */
export type RunErrorInfo = PlaygroundError<RunErrorCode>;

/** The codes a run can end with (a check adds its own, see lib/lessons/grade-types). */
export type RunErrorCode = Exclude<ErrorCode, "invalid_request" | "no_checks">;

export interface RunTimings {
  /** Whole run as seen by the caller, ms. */
  totalMs: number;
  /** Transpile, ms. */
  transpileMs: number;
  /** From program start to end, ms. */
  programMs: number;
  /** CPU time inside the sandbox, ms. */
  cpuMs: number;
  /** Waiting for a slot in the worker pool (admission queue), ms; set by runProgram. Not charged to the wall limit. */
  queueMs?: number;
  /** Time the worker's thread ran other runs' code during this run, ms. Not charged to the wall limit. */
  blockedMs?: number;
}

export interface RunResult {
  runId: string;
  status: RunStatus;
  /** Console output, in order, one entry per console call. */
  output: string[];
  trace: Trace;
  error?: RunErrorInfo;
  timings: RunTimings;
  /** Values of RunRequest.inspectKeys after the program ended (strings; null when missing). */
  finalState?: Record<string, TraceValue>;
  /** Connections still WATCHing something when the program ended, by client id. */
  watchLeftOn?: string[];
  /**
   * Only under a schedule plan: the steps taken, the lanes, and - when the run paused at the end
   * of its choices (status "ok", `paused: true`) - each lane's next command. What each lane
   * WATCHes, clean or dirty, comes from the trace: watchState() in lib/trace.
   */
  schedule?: ScheduleResult;
}
