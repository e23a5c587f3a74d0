/**
 * Display grouping: consecutive identical commands from one client fold into one run
 * ("B: INCRBY score:1 50 x 12"), so a 50-write race reads as a handful of rows.
 */
import type { CommandEvent, ConsoleEvent, TraceEvent, TraceValue } from "./types";

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

/** Can this event fold at all? An EXEC ends an attempt: folding it would hide where attempts end. */
const foldable = (e: TraceEvent): boolean =>
  e.kind === "console" || (e.kind === "command" && e.name !== "EXEC" && e.outcome === undefined);

const sameValue = (a: TraceValue | undefined, b: TraceValue | undefined): boolean =>
  a === b || (typeof a === "object" && a !== null && typeof b === "object" && b !== null && JSON.stringify(a) === JSON.stringify(b));

/**
 * Same client, command and arguments (replies may differ: INCRBY returns a new total each
 * time). Compares neighbours directly: building a key string per event was the cost.
 */
function sameRun(a: TraceEvent, b: TraceEvent): boolean {
  if (a.kind === "command" && b.kind === "command") {
    if (a.client !== b.client || a.name !== b.name || a.queued !== b.queued) return false;
    if ((a.error === undefined) !== (b.error === undefined) || a.args.length !== b.args.length) return false;
    for (let i = 0; i < a.args.length; i++) if (!sameValue(a.args[i], b.args[i])) return false;
    return true;
  }
  if (a.kind === "console" && b.kind === "console") return a.level === b.level && a.text === b.text && a.line === b.line;
  return false;
}

export function collapseRuns(events: readonly TraceEvent[], opts: CollapseOptions = {}): DisplayItem[] {
  const minRun = Math.max(2, opts.minRun ?? 3);
  const { keep, expanded } = opts;
  const items: DisplayItem[] = [];
  const folds = (e: TraceEvent) => foldable(e) && !keep?.has(e.seq);
  let i = 0;
  while (i < events.length) {
    const first = events[i]!;
    const can = folds(first);
    let j = i + 1;
    if (can) while (j < events.length && sameRun(first, events[j]!) && folds(events[j]!)) j++;
    if (can && j - i >= minRun && !expanded?.has(first.seq)) {
      items.push({ kind: "run", events: events.slice(i, j) as (CommandEvent | ConsoleEvent)[], index: i });
    } else {
      for (let k = i; k < j; k++) items.push({ kind: "event", event: events[k]!, index: k });
    }
    i = j;
  }
  return items;
}
