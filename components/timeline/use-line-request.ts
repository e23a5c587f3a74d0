"use client";
import { useEffect, useRef, useState } from "react";
import type { SeqLookup } from "@/lib/trace";
import type { Trace } from "@/lib/trace";
import { eventsOfLine, nextOf, type LineRequest } from "./line-commands";
import { eventKey, runKey } from "./row";
import type { RowModel } from "./rows";

interface Target {
  trace: Trace;
  model: RowModel;
  indexOfSeq: SeqLookup<number>;
  selected: string | null;
  setSelected: (key: string | null) => void;
  reveal: (eventIndex: number) => void;
  /** Keeps the editor's line highlight on the line shown (or clears it). */
  onSelectLine?: (line: number | null) => void;
}

/**
 * Editor -> timeline: a click on a line selects that line's next command (a folded run as a
 * whole) and scrolls it into view. Returns a short note for the learner: how many events the
 * line made, or that it sent no command in this run.
 */
export function useLineRequest(request: LineRequest | null, t: Target): string {
  const [note, setNote] = useState("");
  const handled = useRef(request);
  const latest = useRef(t);
  useEffect(() => {
    latest.current = t;
  });
  useEffect(() => {
    if (!request || request === handled.current) return;
    handled.current = request;
    const { trace, model, indexOfSeq, selected, setSelected, reveal, onSelectLine } = latest.current;
    const indexes = eventsOfLine(trace, request.line);
    const selectedIndex = selected?.startsWith("e") ? (indexOfSeq.get(Number(selected.slice(1))) ?? -1) : -1;
    const i = nextOf(indexes, selectedIndex);
    const e = i === undefined ? undefined : trace.events[i];
    // The editor click is the external event; the timeline follows it.
    setNote(e ? `Line ${request.line}: ${indexes.length} ${indexes.length === 1 ? "event" : "events"} in this run` : `Line ${request.line} sent no Redis command in this run`);
    onSelectLine?.(e ? request.line : null);
    if (!e || i === undefined) return;
    const row = model.rows[model.rowOfEvent[i] ?? -1];
    setSelected(row?.kind === "run" ? runKey(row.events) : eventKey(e));
    reveal(i);
  }, [request]);
  return note;
}
