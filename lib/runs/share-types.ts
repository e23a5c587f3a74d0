/**
 * What the browser and the server say about a shared run: its id, its address, the answer to
 * "Share this run". Isomorphic: no I/O, safe to import in the browser.
 */

/** 18 random bytes (144 bits) as base64url: unguessable, and no wider than a URL needs. */
export const SHARED_RUN_ID_BYTES = 18;
export const SHARED_RUN_ID_PATTERN = /^[A-Za-z0-9_-]{24}$/;

export type ShareOutcome = { ok: true; id: string } | { ok: false; message: string };

/** The address of a shared run, opening at `step` (1-based) when given. */
export function sharedRunPath(id: string, step: number | null = null): string {
  return `/runs/${id}${step !== null ? `?step=${step}` : ""}`;
}
