/**
 * What the race pages need to know about a run, stored next to its stream (same hash tag, same
 * 24 h lifetime) so any app instance can render and control it.
 */
import type { Opponent, RaceMode } from "./schema";

export interface RaceMeta {
  runId: string;
  mode: RaceMode;
  /** "Unit 1: Conditional updates with WATCH" or "Crowd: 50 clients on counter". */
  title: string;
  /** The program as run (generated for crowd). */
  source: string;
  opponent?: Opponent;
  crowd?: { clients: number; key: string; increment: number; atomic: boolean; expected: number };
  /** Keys shown after the run. */
  inspectKeys: string[];
  /** ms since epoch. */
  createdAt: number;
  /** sha256 of the presenter's control token (the token itself lives in the presenter's cookie). */
  controlHash: string;
}

export const metaKey = (runId: string) => `{r:${runId}}#race`;

/** The meta the browser may see: no control hash. */
export type PublicRaceMeta = Omit<RaceMeta, "controlHash">;

export function publicMeta(m: RaceMeta): PublicRaceMeta {
  const { controlHash: _, ...rest } = m;
  return rest;
}

export const controlCookie = (runId: string) => `race_ctl_${runId}`;
