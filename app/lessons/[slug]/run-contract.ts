/**
 * The contract between the workbench and the run action: one zod schema for the input and
 * the typed state the client renders. Kept apart from actions.ts because a 'use server'
 * module may export async functions only.
 */
import "@/lib/zod-browser";
import { z } from "zod";
import type { RunErrorInfo, RunTimings } from "@/lib/runner/types";
import type { RunStatus, Trace, TraceValue } from "@/lib/trace/types";

export const MAX_SOURCE_BYTES = 64 * 1024;

export const runInputSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/),
  source: z
    .string()
    .refine((s) => new TextEncoder().encode(s).length <= MAX_SOURCE_BYTES, {
      message: "Your program is longer than 64 KB. Shorten it and run again.",
    }),
  scenarioId: z.string().regex(/^[a-z0-9-]{1,80}$/).optional(),
});

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
