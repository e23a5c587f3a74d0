/**
 * A run as it is shared: the program, what it was run with, its outcome and its trace. Built the
 * same way on the server (signed right after the run) and in the browser (sent back when the
 * learner shares it), so both sides serialize the very same text. Isomorphic, no I/O.
 */
import type { GradeResult, GradeStatus } from "@/lib/lessons/grade-types";
import type { RunErrorInfo } from "@/lib/runner/types";
import type { RunStatus, Trace, TraceValue } from "@/lib/trace";

export type SharedWhat =
  | { kind: "run" }
  | { kind: "staged"; scenarioId: string }
  | { kind: "check"; test: string; scenario: string; status: GradeStatus; message: string };

export interface SharedOutcome {
  status: RunStatus;
  output: string[];
  error: RunErrorInfo | null;
  finalState: Record<string, TraceValue> | null;
}

export interface SharedRun {
  v: 1;
  slug: string;
  source: string;
  what: SharedWhat;
  /** A run's status, console output and final keys; null for a check's scenario (only its trace). */
  outcome: SharedOutcome | null;
  trace: Trace;
}

/** What a run answer carries that a share needs (RunState and RunResult both fit). */
export interface RunLike {
  status: RunStatus;
  output: string[];
  error?: RunErrorInfo;
  finalState?: Record<string, TraceValue>;
  trace: Trace | null;
}

/** The shared form of a lesson run (plain or staged); null when it has no trace to show. */
export function sharedRunOf(slug: string, source: string, scenarioId: string | undefined, run: RunLike): SharedRun | null {
  if (!run.trace) return null;
  return {
    v: 1,
    slug,
    source,
    what: scenarioId ? { kind: "staged", scenarioId } : { kind: "run" },
    outcome: { status: run.status, output: run.output, error: run.error ?? null, finalState: run.finalState ?? null },
    trace: run.trace,
  };
}

/** The shared form of one check scenario; null for a test without a trace. */
export function sharedCheckOf(slug: string, source: string, test: GradeResult["tests"][number]): SharedRun | null {
  if (!test.trace) return null;
  return {
    v: 1,
    slug,
    source,
    what: { kind: "check", test: test.name, scenario: test.scenario, status: test.status, message: test.message },
    outcome: null,
    trace: test.trace,
  };
}

/** The exact text that is signed, sent and stored. Fixed key order comes from the builders. */
export const sharedRunText = (run: SharedRun): string => JSON.stringify(run);

/** A check's answer with one share token per test (null where the test has no trace). */
export type ShareableGrade = GradeResult & { shareTokens?: (string | null)[] };
