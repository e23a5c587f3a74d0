/**
 * What every timeline row needs from the lanes around it. Its own file so the row and the
 * pieces it renders (note, track cells) all depend on it, and not on each other.
 */
import type { Conflict, SeqLookup, ValuePoint, ValueTrack } from "@/lib/trace";

export interface RowContext {
  lanes: string[];
  laneOf: Map<string, number>;
  tracks: ValueTrack[];
  /** Per displayed track: the point recorded at a seq. */
  pointAt: SeqLookup<ValuePoint>[];
  /** Event index of the current step; null when the whole run is shown. */
  current: number | null;
  selected: string | null;
  dirtying: Map<number, Conflict[]>;
  indexOfSeq: SeqLookup<number>;
  onSelect: (key: string, line: number | null) => void;
  onStep: (index: number) => void;
  onToggleRun: (firstSeq: number) => void;
}
