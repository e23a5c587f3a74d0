/**
 * Where a conflict arrow runs, in pixels of the lane area (the step column and value tracks
 * excluded). Pure, so the shape is tested without a browser.
 */
export interface ArrowInput {
  /** Relative lane widths, in lane order (the grid's fr units). */
  weights: number[];
  /** Width of the lane area, px. */
  width: number;
  writerLane: number;
  execLane: number;
  writeRowTop: number;
  execRowTop: number;
  rowHeight: number;
}

/** How far into its lane the arrow's leg runs: right of most chips' text, clear of the next lane. */
const LEG_AT = 0.94;
/** The head stops this far short of the lane edge it points from, so its tip stays visible. */
const HEAD_GAP_PX = 2;

export interface ArrowPoints {
  /** Start under the writing chip, then down its lane to the EXEC's row, then along that row. */
  start: { x: number; y: number };
  corner: { x: number; y: number };
  end: { x: number; y: number };
}

export function arrowPoints(a: ArrowInput): ArrowPoints {
  const total = a.weights.reduce((s, w) => s + w, 0) || 1;
  const laneStart = (lane: number) => (a.weights.slice(0, lane).reduce((s, w) => s + w, 0) / total) * a.width;
  const laneEnd = (lane: number) => laneStart(lane) + ((a.weights[lane] ?? 1) / total) * a.width;
  const legX = laneStart(a.writerLane) + (laneEnd(a.writerLane) - laneStart(a.writerLane)) * LEG_AT;
  const y1 = a.writeRowTop + a.rowHeight / 2;
  // The EXEC's own row holds nothing but the EXEC chip, which sits at its lane's left edge.
  const y2 = a.execRowTop + a.rowHeight / 2;
  let endX: number;
  if (a.writerLane < a.execLane) endX = laneStart(a.execLane) - HEAD_GAP_PX;
  else if (a.writerLane > a.execLane) endX = laneEnd(a.execLane) - HEAD_GAP_PX;
  // A client that dirtied its own watch: come back in from the lane's right edge.
  else endX = legX - (laneEnd(a.execLane) - laneStart(a.execLane)) * 0.08;
  return { start: { x: legX, y: y1 }, corner: { x: legX, y: y2 }, end: { x: endX, y: y2 } };
}

/** The SVG path of an arrow: a vertical leg, then a horizontal run ending in the head. */
export function arrowPath(a: ArrowInput): string {
  const { start, corner, end } = arrowPoints(a);
  const r = (n: number) => Math.round(n * 10) / 10;
  return `M${r(start.x)},${r(start.y)} L${r(corner.x)},${r(corner.y)} L${r(end.x)},${r(end.y)}`;
}
