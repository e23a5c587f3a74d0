import type { SeqLookup } from "@/lib/trace";
import type { Trace } from "@/lib/trace";
import type { DetailsTarget } from "./details-panel";
import type { buildRows } from "./rows";

/** What the details panel shows for a selection key ("e<seq>" an event, "r<seq>" a folded run). */
export function detailsTarget(
  key: string | null,
  trace: Trace,
  indexOfSeq: SeqLookup<number>,
  rows: ReturnType<typeof buildRows>["rows"],
): DetailsTarget | null {
  if (!key) return null;
  const seq = Number(key.slice(1));
  if (key.startsWith("r")) {
    const run = rows.find((r) => r.kind === "run" && r.events[0]?.seq === seq);
    return run && run.kind === "run" ? { kind: "run", events: run.events, index: run.index } : null;
  }
  const i = indexOfSeq.get(seq);
  const event = i === undefined ? undefined : trace.events[i];
  return event && i !== undefined ? { kind: "event", event, index: i } : null;
}
