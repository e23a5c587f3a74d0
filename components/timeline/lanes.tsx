import { clsx } from "clsx";
import { Bot, Code, Database } from "lucide-react";
import { useEffect, useImperativeHandle, useMemo, useRef, useState, type CSSProperties, type Ref } from "react";
import { valueAt, pointLookup, formatValue, type ValueTrack, type Trace } from "@/lib/trace";
import { ConflictArrows } from "./conflict-arrows";
import type { RowContext } from "./row-context";
import { TimelineRow } from "./row";
import { rowAt, type RowModel } from "./rows";

/** Room for "8000" over "59.99 s" / "999.9 ms" in the step column. */
const GUTTER = "4.5rem";
const LANE_MIN_REM = 10;
/** A program connection with no transaction and a few commands (often just QUIT) gets less room. */
const QUIET_WEIGHT = 0.6;
const QUIET_MAX_COMMANDS = 3;
const TRACK_REM = 6;
/** Extra pixels rendered above and below the viewport so fast scrolling shows no gaps. */
const OVERSCAN_PX = 160;
/** jsdom (and the first paint) has no layout; assume a typical panel height. */
const FALLBACK_HEIGHT = 640;

export interface LanesHandle {
  /** Scroll so the row holding this event index is in view. */
  reveal: (eventIndex: number) => void;
}

interface LanesProps {
  trace: Trace;
  model: RowModel;
  tracks: ValueTrack[];
  ctx: Omit<RowContext, "tracks" | "pointAt" | "laneOf" | "lanes">;
  laneOf: Map<string, number>;
  handle?: Ref<LanesHandle>;
  /** Take the height left in a flex column (xl workbench) instead of a share of the viewport. */
  fit?: boolean;
}

/**
 * The lane grid: one column per client, then the watched keys' value tracks, time flowing down.
 * Only rows near the viewport are mounted (fixed row heights make that a binary search).
 */
export function Lanes({ trace, model, tracks, ctx, laneOf, handle, fit }: LanesProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);
  const lanes = useMemo(() => trace.clients.map((c) => c.id), [trace]);
  const weights = useMemo(() => laneWeights(trace, model), [trace, model]);
  // Lanes share the width in proportion to their weights and never below it (the container's
  // min-width scrolls instead), so arrows can place lanes by percentage without measuring.
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const template = `${GUTTER} ${weights.map((w) => `minmax(0, ${w}fr)`).join(" ")} ${tracks.map(() => `${TRACK_REM}rem`).join(" ")}`;
  const minWidth = `calc(${GUTTER} + ${(weightSum * LANE_MIN_REM).toFixed(2)}rem + ${tracks.length * TRACK_REM}rem)`;
  const pointAt = useMemo(() => tracks.map(pointLookup), [tracks]);

  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(([entry]) => {
      if (entry && entry.contentRect.height > 0) setHeight(entry.contentRect.height);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useImperativeHandle(handle, () => ({
    reveal(eventIndex: number) {
      const el = scroller.current;
      const row = model.rowOfEvent[eventIndex];
      if (!el || row === undefined) return;
      const top = model.offsets[row] ?? 0;
      const view = el.clientHeight || height;
      if (top >= el.scrollTop && top + 48 <= el.scrollTop + view) return;
      const target = Math.max(0, top - view / 3);
      const reduce = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? true;
      if (typeof el.scrollTo === "function") el.scrollTo({ top: target, behavior: reduce ? "auto" : "smooth" });
      else el.scrollTop = target;
      // Render the destination now; the scroll event would only arrive after a smooth scroll.
      setScrollTop(target);
    },
  }), [model, height]);

  const total = model.offsets[model.rows.length] ?? 0;
  // A short panel (the xl workbench) still mounts a typical panel's worth of rows, so a lesson's
  // whole run is in the DOM (find-in-page, tests) as it was with the taller lanes.
  const mounted = Math.max(height, FALLBACK_HEIGHT);
  const first = rowAt(model.offsets, Math.max(0, scrollTop - OVERSCAN_PX));
  const last = rowAt(model.offsets, scrollTop + mounted + OVERSCAN_PX);
  // Stable while only scrolling, so memoized rows that stay in view do not re-render.
  const rowCtx: RowContext = useMemo(() => ({ ...ctx, tracks, pointAt, laneOf, lanes }), [ctx, tracks, pointAt, laneOf, lanes]);
  const currentSeq = ctx.current === null ? Infinity : (trace.events[ctx.current]?.seq ?? Infinity);

  const visible = [];
  for (let i = first; i <= last && i < model.rows.length; i++) {
    const row = model.rows[i]!;
    visible.push(
      <TimelineRow key={rowKey(row, i)} row={row} top={model.offsets[i] ?? 0} spans={model.spans[i] ?? []} ctx={rowCtx} />,
    );
  }

  return (
    <div
      ref={scroller}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      tabIndex={0}
      aria-label="Timeline lanes; Left and Right arrows step through the run"
      aria-keyshortcuts="ArrowLeft ArrowRight Home End"
      // Rows read the column template from variables: one style for the grid, not one per row.
      style={{ "--tl-cols": template, "--tl-lanes-end": lanes.length + 2 } as CSSProperties}
      className={clsx(
        "relative max-h-[70vh] min-h-48 overflow-auto rounded-md border border-slate-200 bg-white focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-700 dark:bg-slate-950",
        fit && "xl:max-h-none xl:min-h-32 xl:flex-1",
      )}
    >
      <div
        className="sticky top-0 z-10 grid grid-cols-(--tl-cols) border-b border-slate-200 bg-slate-50/95 text-xs dark:border-slate-700 dark:bg-slate-900/95"
        style={{ minWidth }}
      >
        <div className="flex flex-col items-end justify-center px-1.5 py-1 leading-tight text-slate-600 dark:text-slate-400" title="Step number, and the time since the run started">
          <span className="font-semibold">step</span>
          <span>time</span>
        </div>
        {trace.clients.map((c) => {
          const Icon = c.origin === "plan" ? Bot : Code;
          return (
            <div key={c.id} className="flex min-w-0 items-center gap-1.5 px-1.5 py-1.5" title={`${c.id}: ${c.label}`}>
              <span className="rounded-sm bg-slate-900 px-1.5 font-mono font-bold text-white dark:bg-slate-100 dark:text-slate-900">{c.id}</span>
              <Icon aria-hidden="true" className="size-3.5 shrink-0" />
              <span className="truncate">{c.label}</span>
            </div>
          );
        })}
        {tracks.map((t) => {
          const now = valueAt(t, currentSeq);
          return (
            <div key={t.key} className="flex min-w-0 flex-col border-l border-slate-200 px-1 py-1 dark:border-slate-700" title={`Value of ${t.key} as your code saw it`}>
              <span className="flex min-w-0 items-center gap-1 font-semibold">
                <Database aria-hidden="true" className="size-3 shrink-0" />
                <span className="truncate">{t.key}</span>
              </span>
              <span className="truncate font-mono">{now ? (now.value === undefined ? "changed" : formatValue(now.value, 12)) : "-"}</span>
            </div>
          );
        })}
      </div>
      <div className="relative" style={{ height: total, minWidth }}>
        <ConflictArrows
          conflicts={model.conflicts}
          laneOf={laneOf}
          weights={weights}
          rowOfEvent={model.rowOfEvent}
          offsets={model.offsets}
          indexOfSeq={ctx.indexOfSeq}
          viewTop={scrollTop - OVERSCAN_PX}
          viewBottom={scrollTop + height + OVERSCAN_PX}
          current={ctx.current}
          gutter={GUTTER}
          tracksWidth={`${tracks.length * TRACK_REM}rem`}
        />
        {visible}
      </div>
    </div>
  );
}

function laneWeights(trace: Trace, model: RowModel): number[] {
  const commands = new Map<string, number>();
  for (const e of trace.events) if (e.kind === "command") commands.set(e.client, (commands.get(e.client) ?? 0) + 1);
  const transacting = new Set(model.attempts.map((a) => a.client));
  return trace.clients.map((c) =>
    c.origin === "program" && !transacting.has(c.id) && (commands.get(c.id) ?? 0) <= QUIET_MAX_COMMANDS ? QUIET_WEIGHT : 1,
  );
}

function rowKey(row: RowModel["rows"][number], i: number): string {
  switch (row.kind) {
    case "attempt":
      return `a${row.attempt.client}${row.attempt.number}`;
    case "event":
      return `e${row.event.seq}`;
    case "run":
      return `r${row.events[0]?.seq}`;
    case "why":
      return `w${row.conflict.execSeq}-${i}`;
  }
}
