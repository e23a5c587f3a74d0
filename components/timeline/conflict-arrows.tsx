import { useId } from "react";
import type { Conflict, SeqLookup } from "@/lib/trace";

interface ConflictArrowsProps {
  conflicts: Conflict[];
  laneOf: Map<string, number>;
  /** Relative lane widths, in lane order. */
  weights: number[];
  /** Event index -> row index, and row index -> top offset (px). */
  rowOfEvent: Int32Array;
  offsets: number[];
  indexOfSeq: SeqLookup<number>;
  /** Visible pixel band; arrows wholly outside it are not drawn. */
  viewTop: number;
  viewBottom: number;
  /** Event index of the current step; arrows appear once the replay reaches the EXEC. */
  current: number | null;
  gutter: string;
  tracksWidth: string;
}

/**
 * Arrows from the write that dirtied a watched key to the EXEC it aborted. Drawn under the
 * chips (chips are opaque) and hidden from assistive tech: the "Why" row says it in words.
 * Lane x positions are percentages of the lane area, so no layout measurement is needed.
 */
export function ConflictArrows(props: ConflictArrowsProps) {
  const { conflicts, laneOf, weights, rowOfEvent, offsets, indexOfSeq, viewTop, viewBottom, current } = props;
  const total = weights.reduce((a, b) => a + b, 0);
  const starts = weights.map((_, i) => weights.slice(0, i).reduce((a, b) => a + b, 0));
  /** x of a point `at` (0..1) across lane `lane`, as a percentage of the lane area. */
  const xOf = (lane: number, at: number) => (((starts[lane] ?? 0) + (weights[lane] ?? 1) * at) / total) * 100;
  // Two timelines on one page must not share a marker id.
  const markerId = `tl-arrow-${useId().replace(/:/g, "")}`;
  const arrows = conflicts.flatMap((c) => {
    const wi = indexOfSeq.get(c.writeSeq);
    const ei = indexOfSeq.get(c.execSeq);
    const wl = laneOf.get(c.writerClient);
    const el = laneOf.get(c.victimClient);
    if (wi === undefined || ei === undefined || wl === undefined || el === undefined) return [];
    if (current !== null && ei > current) return [];
    const wr = rowOfEvent[wi] ?? 0;
    const er = rowOfEvent[ei] ?? 0;
    const y1 = ((offsets[wr] ?? 0) + (offsets[wr + 1] ?? 0)) / 2 + 10;
    const y2 = (offsets[er] ?? 0) + 2;
    if (y2 < viewTop || y1 > viewBottom) return [];
    // Same lane (a client dirtied its own watch): run the arrow down the lane's right edge.
    const at = wl === el ? 0.92 : 0.5;
    const x1 = xOf(wl, at);
    const x2 = xOf(el, at);
    return [{ c, x1, x2, y1, y2 }];
  });
  if (arrows.length === 0) return null;
  return (
    <svg
      aria-hidden="true"
      className="pointer-events-none absolute top-0 text-orange-600 dark:text-orange-400"
      style={{ left: props.gutter, right: props.tracksWidth, width: `calc(100% - ${props.gutter} - ${props.tracksWidth})`, height: offsets.at(-1) ?? 0 }}
      data-testid="conflict-arrows"
    >
      <defs>
        <marker id={markerId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
        </marker>
      </defs>
      {arrows.map(({ c, x1, x2, y1, y2 }) => (
        <line
          key={`${c.writeSeq}-${c.execSeq}`}
          data-write-seq={c.writeSeq}
          data-exec-seq={c.execSeq}
          x1={`${x1}%`}
          x2={`${x2}%`}
          y1={y1}
          y2={y2}
          stroke="currentColor"
          strokeWidth={2}
          strokeDasharray="5 3"
          markerEnd={`url(#${markerId})`}
        />
      ))}
    </svg>
  );
}
