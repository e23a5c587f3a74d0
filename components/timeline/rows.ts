/**
 * Flattens a trace into fixed-height display rows (attempt headers, events, folded runs,
 * "why it failed" lines). Fixed heights let the lanes render only the rows in view, which is
 * what keeps a 5,000-event trace fast.
 */
import { attempts, collapseRuns, conflicts, type Attempt, type Conflict, type CommandEvent, type ConsoleEvent, type Trace, type TraceEvent } from "@/lib/trace";

export type Row =
  | { kind: "attempt"; attempt: Attempt }
  | { kind: "event"; event: TraceEvent; index: number; group?: { size: number } }
  | { kind: "run"; events: (CommandEvent | ConsoleEvent)[]; index: number }
  | { kind: "why"; conflict: Conflict; execIndex: number };

export const ROW_HEIGHT: Record<Row["kind"], number> = { attempt: 24, event: 40, run: 40, why: 28 };

export interface RowModel {
  rows: Row[];
  /** Top offset of each row in px; offsets[rows.length] is the total height. */
  offsets: number[];
  /** Row index of each event index (folded events map to their run row). */
  rowOfEvent: Int32Array;
  /** Per row, per client lane: the attempt whose span covers the row, for the bracket. */
  spans: (Attempt | null)[][];
  attempts: Attempt[];
  conflicts: Conflict[];
  /** Seqs that are a conflict's write, to badge the chip that dirtied a watched key. */
  dirtying: Map<number, Conflict[]>;
}

/** A row's first and last event index, for "is this row in the past of the current step". */
export function rowRange(row: Row): [number, number] {
  switch (row.kind) {
    case "event":
      return [row.index, row.index];
    case "run":
      return [row.index, row.index + row.events.length - 1];
    case "why":
      return [row.execIndex, row.execIndex];
    case "attempt":
      return [-1, -1];
  }
}

export function buildRows(trace: Trace, expanded: ReadonlySet<number>): RowModel {
  const all = attempts(trace);
  const cs = conflicts(trace);
  const keep = new Set(cs.map((c) => c.writeSeq));
  const dirtying = new Map<number, Conflict[]>();
  for (const c of cs) dirtying.set(c.writeSeq, [...(dirtying.get(c.writeSeq) ?? []), c]);
  const startsAt = new Map<number, Attempt[]>();
  const endsAt = new Map<number, Attempt[]>();
  for (const a of all) {
    startsAt.set(a.startSeq, [...(startsAt.get(a.startSeq) ?? []), a]);
    endsAt.set(a.endSeq, [...(endsAt.get(a.endSeq) ?? []), a]);
  }
  const whyAt = new Map(cs.map((c) => [c.execSeq, c]));
  const lanes = trace.clients.map((c) => c.id);
  const laneOf = new Map(lanes.map((id, i) => [id, i]));

  const rows: Row[] = [];
  const spans: (Attempt | null)[][] = [];
  // Rows share one snapshot of open attempts until it changes (copying per row was the cost).
  let open: (Attempt | null)[] = lanes.map(() => null);
  const setOpen = (lane: number, a: Attempt | null) => {
    open = [...open];
    open[lane] = a;
  };
  const rowOfEvent = new Int32Array(trace.events.length);

  const events = trace.events;
  // A row covers events[from..to]; no per-row arrays, a 5,000-event run makes enough garbage.
  const push = (row: Row, from: number, to: number) => {
    for (let i = from; i <= to; i++) {
      const starting = startsAt.get(events[i]!.seq);
      if (starting) for (const a of starting) {
        rows.push({ kind: "attempt", attempt: a });
        const lane = laneOf.get(a.client);
        if (lane !== undefined) setOpen(lane, a);
        spans.push(open);
      }
    }
    rows.push(row);
    spans.push(open);
    rowOfEvent.fill(rows.length - 1, from, to + 1);
    for (let i = from; i <= to; i++) {
      const e = events[i]!;
      const ending = endsAt.get(e.seq);
      if (ending) for (const a of ending) {
        const lane = laneOf.get(a.client);
        if (lane !== undefined && open[lane] === a) setOpen(lane, null);
      }
      const c = whyAt.get(e.seq);
      if (c && row.kind === "event") {
        rows.push({ kind: "why", conflict: c, execIndex: row.index });
        spans.push(open);
      }
    }
  };

  for (const item of collapseRuns(events, { keep })) {
    if (item.kind === "event") push({ kind: "event", event: item.event, index: item.index }, item.index, item.index);
    else if (expanded.has(item.events[0]!.seq)) {
      item.events.forEach((e, i) => {
        const index = item.index + i;
        push({ kind: "event", event: e, index, ...(i === 0 ? { group: { size: item.events.length } } : {}) }, index, index);
      });
    } else push({ kind: "run", events: item.events, index: item.index }, item.index, item.index + item.events.length - 1);
  }

  const offsets = new Array<number>(rows.length + 1);
  let y = 0;
  for (let i = 0; i < rows.length; i++) {
    offsets[i] = y;
    y += ROW_HEIGHT[rows[i]!.kind];
  }
  offsets[rows.length] = y;
  return { rows, offsets, rowOfEvent, spans, attempts: all, conflicts: cs, dirtying };
}

/** Index of the row containing pixel offset y (binary search over offsets). */
export function rowAt(offsets: number[], y: number): number {
  let lo = 0;
  let hi = offsets.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsets[mid] ?? 0) <= y) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}
