/**
 * The contract between the workbench and its Run and Check actions: one zod schema for the
 * input (the workbench, both actions and the size check before sending share it) and the typed
 * state the client renders. Isomorphic: the browser imports it too.
 */
import "@/lib/zod-browser";
import { z } from "zod";
import type { RunErrorInfo, RunTimings } from "@/lib/runner/types";
import { CODE_MAX_CHARS } from "@/lib/runner/limits/code-size";
import { sourceTooLong as tooLongMessage } from "@/lib/errors";
import type { RunStatus, Trace, TraceValue } from "@/lib/trace";

const slug = z.string().regex(/^[a-z0-9-]{1,80}$/);

export const runInputSchema = z.object({
  slug,
  source: z
    .string()
    .refine((s) => new TextEncoder().encode(s).length <= CODE_MAX_CHARS, {
      message: tooLongMessage(CODE_MAX_CHARS),
    }),
  scenarioId: slug.optional(),
});

/** Same limits as a run; a Check has no staged scenario. */
export const checkInputSchema = runInputSchema.pick({ slug: true, source: true });

export type RunInput = z.infer<typeof runInputSchema>;

/** Errors use the runner's codes; a request the action rejects is "bad_request". */
export type RunStateError = RunErrorInfo;

export interface RunState {
  status: RunStatus;
  output: string[];
  error?: RunStateError;
  trace: Trace | null;
  finalState?: Record<string, TraceValue>;
  timings?: RunTimings;
  /** Only for a plain run (no staged scenario): did it produce the unit's expected result? */
  expectationMet?: boolean;
  /** The scenario the run was staged with, if any. */
  scenarioId?: string;
  /** The server's signature of this run's shared form (lib/runs/seal.ts): "Share this run" sends it back. */
  share?: string | null;
}

/**
 * The oversized program is the one request problem the learner can fix: its message is theirs.
 * Only the size rule's own issue counts (a missing source is a malformed request, not a long one).
 */
export function sourceTooLong(error: z.ZodError): string | null {
  const issue = error.issues[0];
  return issue?.path[0] === "source" && issue.code === "custom" ? issue.message : null;
}
