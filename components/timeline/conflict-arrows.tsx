import { useEffect, useId, useRef, useState } from "react";
import type { Conflict, SeqLookup } from "@/lib/trace";
import { ROW_HEIGHT } from "./rows";
import { arrowPath } from "./arrow-geometry";

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

/** jsdom and the first paint have no layout: a typical lane area width. */
const FALLBACK_WIDTH = 640;

/**
 * Arrows from the write that dirtied a watched key to the EXEC it aborted: down the writer's
 * lane, then along the EXEC's own row into the EXEC chip, so the head can only mean that chip
 * (a straight line ended between the queued commands and the EXEC). Drawn under the chips
 * (chips are opaque) and hidden from assistive tech: the "Why" row says it in words.
 */
export function ConflictArrows(props: ConflictArrowsProps) {
  const { conflicts, laneOf, weights, rowOfEvent, offsets, indexOfSeq, viewTop, viewBottom, current } = props;
  const svg = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(FALLBACK_WIDTH);
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
    const writeTop = offsets[wr] ?? 0;
    const execTop = offsets[er] ?? 0;
    if (execTop + ROW_HEIGHT.event < viewTop || writeTop > viewBottom) return [];
    const d = arrowPath({ weights, width, writerLane: wl, execLane: el, writeRowTop: writeTop, execRowTop: execTop, rowHeight: ROW_HEIGHT.event });
    return [{ c, d }];
  });
  const shown = arrows.length > 0;
  useEffect(() => {
    const el = svg.current;
    if (!shown || !el || typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.width > 0) setWidth(entry.contentRect.width);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [shown]);
  if (!shown) return null;
  return (
    <svg
      ref={svg}
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
      {arrows.map(({ c, d }) => (
        <path
          key={`${c.writeSeq}-${c.execSeq}`}
          data-write-seq={c.writeSeq}
          data-exec-seq={c.execSeq}
          data-testid="conflict-arrow"
          d={d}
          fill="none"
          stroke="currentColor"
          strokeWidth={2}
          strokeDasharray="5 3"
          markerEnd={`url(#${markerId})`}
        />
      ))}
    </svg>
  );
}
