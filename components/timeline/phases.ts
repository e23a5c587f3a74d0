/**
 * The phases of an optimistic transaction as the legend names them: WATCH -> read -> MULTI ->
 * EXEC -> null -> retry. Each event of a trace is given the phase it belongs to (or none), so
 * the legend can light each phase as a replay passes it. Pure: no React, no layout.
 */
import type { Attempt } from "@/lib/trace";
import type { Trace } from "@/lib/trace";

export const PHASES = ["watch", "read", "multi", "exec", "aborted", "retry"] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABEL: Record<Phase, string> = { watch: "WATCH", read: "read", multi: "MULTI", exec: "EXEC", aborted: "null", retry: "retry" };

export const PHASE_HINT: Record<Phase, string> = {
  watch: "WATCH the key you are about to read",
  read: "read its value while it is watched",
  multi: "MULTI, then queue the writes",
  exec: "EXEC sends the queued writes",
  aborted: "EXEC returned null: another client changed the key, nothing was written",
  retry: "retry: start again from WATCH",
};

export interface PhaseModel {
  /** Per event index, its phase or null (console output, other clients' writes, ...). */
  of: (Phase | null)[];
  /** Per phase, the first event index that reaches it, or null when the run never does. */
  first: Record<Phase, number | null>;
}

const ENDS_WATCH = new Set(["EXEC", "DISCARD", "UNWATCH"]);

export function phaseModel(trace: Trace, attempts: Attempt[]): PhaseModel {
  const retryStarts = new Set(attempts.filter((a) => a.retry).map((a) => a.startSeq));
  const watching = new Set<string>();
  const first: Record<Phase, number | null> = { watch: null, read: null, multi: null, exec: null, aborted: null, retry: null };
  const of = trace.events.map((e, i): Phase | null => {
    let phase: Phase | null = null;
    if (e.kind === "command") {
      if (e.name === "WATCH") {
        watching.add(e.client);
        phase = retryStarts.has(e.seq) ? "retry" : "watch";
      } else if (e.name === "MULTI" || e.queued) phase = "multi";
      else if (e.name === "EXEC") phase = e.outcome === "aborted" || (e.outcome === undefined && e.reply === null) ? "aborted" : "exec";
      else if (watching.has(e.client) && !ENDS_WATCH.has(e.name)) phase = "read";
      if (ENDS_WATCH.has(e.name)) watching.delete(e.client);
    }
    if (phase && first[phase] === null) first[phase] = i;
    // An EXEC that came back null was an EXEC too: sending it passes that phase.
    if (phase === "aborted" && first.exec === null) first.exec = i;
    return phase;
  });
  // A retry's WATCH also counts as reaching WATCH (for a run that somehow starts with one).
  if (first.watch === null) first.watch = first.retry;
  return { of, first };
}

export type PhaseState = "done" | "now" | "ahead" | "absent";

/** Each phase's state at a step (event index), or for the whole run when `current` is null. */
export function phaseStates(model: PhaseModel, current: number | null): Record<Phase, PhaseState> {
  const now = current === null ? null : (model.of[current] ?? null);
  const out = {} as Record<Phase, PhaseState>;
  for (const p of PHASES) {
    const at = model.first[p];
    if (at === null) out[p] = "absent";
    else if (p === now) out[p] = "now";
    else out[p] = current === null || at <= current ? "done" : "ahead";
  }
  return out;
}
