/**
 * Seq lookups without building a Map per trace: in a trace from the engine the event with seq
 * n sits at index n - 1, so the common case is one array read. Matters for 5,000-event runs,
 * where each Map cost milliseconds on every first render.
 */
import type { ValuePoint, ValueTrack } from "./analysis-values";
import type { TraceEvent } from "./types";

export interface SeqLookup<T> {
  get(seq: number): T | undefined;
}

/** Event index by seq; falls back to a Map only for traces whose seqs are not 1..n. */
export function seqIndex(events: readonly TraceEvent[]): SeqLookup<number> {
  let map: Map<number, number> | undefined;
  return {
    get(seq) {
      if (events[seq - 1]?.seq === seq) return seq - 1;
      map ??= new Map(events.map((e, i) => [e.seq, i]));
      return map.get(seq);
    },
  };
}

/** The track's point recorded at exactly this seq (the last one when several share it). */
export function pointLookup(track: ValueTrack): SeqLookup<ValuePoint> {
  const ps = track.points;
  return {
    get(seq) {
      let lo = 0;
      let hi = ps.length - 1;
      let found: ValuePoint | undefined;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const p = ps[mid]!;
        if (p.seq <= seq) {
          if (p.seq === seq) found = p;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found;
    },
  };
}
