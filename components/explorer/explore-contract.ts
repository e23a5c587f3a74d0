/**
 * The contract between the explorer and its server actions: one zod schema for a step request
 * (the page validates its link with it too) and the state the explorer renders. Isomorphic.
 */
import "@/lib/zod-browser";
import { z } from "zod";
import { exploreSchema } from "@/lib/race/explore";
import type { RunErrorInfo } from "@/lib/runner/types";
import type { LostUpdate, RunStatus, ScheduleResult, Trace, TraceValue } from "@/lib/trace";

/** A presenting session's id (random, 18 url-safe characters). */
export const SESSION_ID = /^[A-Za-z0-9_-]{18}$/;

/** The engine's explorer request (lib/race/explore.ts), plus the presenting session the step is published to. */
export const exploreInputSchema = exploreSchema.extend({ session: z.string().regex(SESSION_ID).optional() }).strict();
export type ExploreInput = z.input<typeof exploreInputSchema>;

export interface ExploreState {
  status: RunStatus;
  /** The schedule this state is the result of. */
  choices: string;
  trace: Trace | null;
  schedule: ScheduleResult | null;
  finalState?: Record<string, TraceValue>;
  output: string[];
  error?: RunErrorInfo;
  /** The first update this schedule lost, on one of the unit's keys (null: none lost). */
  lostUpdate: LostUpdate | null;
}

/** What a presenting session's audience receives per step; `state` is null when it was too large to publish (they replay `link`). */
export interface PublishedStep {
  link: Omit<ExploreInput, "session">;
  state: ExploreState | null;
}
