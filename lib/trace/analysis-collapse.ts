/**
 * Display grouping: consecutive identical commands from one client fold into one run
 * ("B: INCRBY score:1 50 x 12"), so a 50-write race reads as a handful of rows.
 */
import type { CommandEvent, ConsoleEvent, TraceEvent } from "./types";

export type DisplayItem =
  | {
      kind: "event";
      event: TraceEvent;
      /** Index into the events array passed in. */
      index: number;
    }
  | {
      kind: "run";
      /** The folded events, in order; at least `minRun` of them. */
      events: (CommandEvent | ConsoleEvent)[];
      /** Index of the first folded event in the events array passed in. */
      index: number;
    };

export interface CollapseOptions {
  /** Shortest run that folds; shorter repeats stay as single rows. Default 3. */
  minRun?: number;
  /** Seqs that must stay visible on their own (e.g. a conflict's write, the current step). */
  keep?: ReadonlySet<number>;
  /** Runs (by the seq of their first event) the reader expanded. */
  expanded?: ReadonlySet<number>;
}

/** Same client, command and arguments (replies may differ: INCRBY returns a new total each time). */
function runKey(e: TraceEvent): string | null {
  if (e.kind === "command") {
    // An EXEC ends an attempt: folding it would hide where attempts end.
    if (e.name === "EXEC" || e.outcome !== undefined) return null;
    // Primitive args (the common case) join without JSON.stringify: this runs per event.
    let args = "";
    for (const a of e.args) args += typeof a === "object" && a !== null ? `\u0001${JSON.stringify(a)}` : `\u0001${typeof a}:${String(a)}`;
    return `c\u0000${e.client}\u0000${e.name}\u0000${args}\u0000${e.queued}\u0000${e.error !== undefined}`;
  }
  if (e.kind === "console") return `l\u0000${e.level}\u0000${e.text}\u0000${e.line}`;
  return null;
}

export function collapseRuns(events: readonly TraceEvent[], opts: CollapseOptions = {}): DisplayItem[] {
  const minRun = Math.max(2, opts.minRun ?? 3);
  const { keep, expanded } = opts;
  const items: DisplayItem[] = [];
  // One key per event, computed once: the scan below compares neighbours.
  const keys = events.map((e) => (keep?.has(e.seq) ? null : runKey(e)));
  let i = 0;
  while (i < events.length) {
    const key = keys[i];
    let j = i + 1;
    if (key !== null) while (j < events.length && keys[j] === key) j++;
    const first = events[i]!;
    if (key !== null && j - i >= minRun && !expanded?.has(first.seq)) {
      items.push({ kind: "run", events: events.slice(i, j) as (CommandEvent | ConsoleEvent)[], index: i });
    } else {
      for (let k = i; k < j; k++) items.push({ kind: "event", event: events[k]!, index: k });
    }
    i = j;
  }
  return items;
}
