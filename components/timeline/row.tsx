import { clsx } from "clsx";
import { ChevronDown, ChevronUp, Flag, Swords, Terminal, Zap } from "lucide-react";
import { memo, type ReactNode } from "react";
import { conflictSentence, describeEvent, describeRun, eventLine, formatArgs, type Attempt, type TraceEvent } from "@/lib/trace";
import { Note } from "./note";
import { TrackCells } from "./track-cells";
import { AttemptLabel, BRACKET_CLASS } from "./attempt-label";
import { Chip } from "./chip";
import { commandLook, pauseLook } from "./chip-style";
import type { RowContext } from "./row-context";
import { rowRange, type Row } from "./rows";
import { formatAt, stepTitle } from "./time-format";

export const eventKey = (e: TraceEvent) => `e${e.seq}`;
export const runKey = (events: readonly TraceEvent[]) => `r${events[0]?.seq ?? 0}`;

const NOTE_ICON = { console: Terminal, interference: Swords, end: Flag } as const;

function RowBody({ row, ctx, spans }: { row: Row; ctx: RowContext; spans: (Attempt | null)[] }) {
  const [from] = rowRange(row);
  const revealedUpTo = ctx.current ?? Infinity;
  const laneCells = (content: (lane: number) => ReactNode) =>
    ctx.lanes.map((id, lane) => {
      const a = spans[lane];
      // While stepping, an attempt the replay has not finished keeps a neutral bracket: its
      // color would give the outcome away.
      const outcome = a && (ctx.indexOfSeq.get(a.endSeq) ?? Infinity) > revealedUpTo ? "open" : a?.outcome;
      return (
        <div key={id} className={clsx("flex min-w-0 items-center px-1.5", a && row.kind !== "attempt" && "border-l-2", outcome && BRACKET_CLASS[outcome])}>
          {content(lane)}
        </div>
      );
    });
  const wide = (content: ReactNode) => (
    <div className="col-start-2 col-end-(--tl-lanes-end) flex min-w-0 items-center px-1.5">
      {content}
    </div>
  );

  if (row.kind === "attempt") {
    const lane = ctx.laneOf.get(row.attempt.client) ?? 0;
    const endIndex = ctx.indexOfSeq.get(row.attempt.endSeq) ?? Infinity;
    return (
      <>
        <div />
        {/* The header may run on over the lanes to its right: nothing else is on this row. */}
        {ctx.lanes.map((id, i) =>
          i < lane ? (
            <div key={id} />
          ) : i === lane ? (
            <div key={id} className="min-w-0 px-1.5" style={{ gridColumn: `${lane + 2} / var(--tl-lanes-end)` }}>
              <AttemptLabel attempt={row.attempt} revealed={endIndex <= revealedUpTo} />
            </div>
          ) : null,
        )}
      </>
    );
  }
  if (row.kind === "why") {
    return (
      <>
        <div />
        {wide(
          <p className={clsx("flex min-w-0 items-center gap-1.5 text-xs text-rose-900 dark:text-rose-200", row.execIndex > revealedUpTo && "invisible")}>
            <Zap aria-hidden="true" className="size-3.5 shrink-0" />
            <span className="truncate">
              Why: {conflictSentence(row.conflict)}.
            </span>
          </p>,
        )}
      </>
    );
  }

  const at = (row.kind === "event" ? row.event : row.events[0]!).at;
  const gutter = (
    <button
      type="button"
      onClick={() => ctx.onStep(from)}
      aria-label={`Go to step ${from + 1}`}
      title={stepTitle(from + 1, at)}
      className="flex min-w-0 flex-col items-end justify-center pr-1.5 font-mono text-[0.7rem] leading-tight whitespace-nowrap text-slate-500 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-slate-400 dark:hover:text-white"
    >
      <span className="font-semibold text-slate-700 dark:text-slate-300">{from + 1}</span>
      <span>{formatAt(at)}</span>
    </button>
  );

  if (row.kind === "run") {
    const first = row.events[0]!;
    const key = runKey(row.events);
    const inside = ctx.current !== null && ctx.current >= row.index && ctx.current < row.index + row.events.length;
    const toggle = (
      <button
        type="button"
        onClick={() => ctx.onToggleRun(first.seq)}
        aria-expanded={false}
        aria-label={`Show all ${row.events.length} commands of this group`}
        className="ml-1 rounded-sm p-1 text-slate-600 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-slate-300 dark:hover:bg-slate-700"
      >
        <ChevronDown aria-hidden="true" className="size-3.5" />
      </button>
    );
    const description = `${describeRun(row.events)}${inside ? `, step ${ctx.current! - row.index + 1} of this group` : ""}`;
    if (first.kind === "console") {
      return (
        <>
          {gutter}
          {wide(<Note icon={Terminal} text={`${first.text} × ${row.events.length}`} description={description} ctx={ctx} k={key} line={first.line} current={inside} />)}
          <TrackCells ctx={ctx} seqs={[]} />
        </>
      );
    }
    const lane = ctx.laneOf.get(first.client);
    return (
      <>
        {gutter}
        {laneCells((i) =>
          i === lane ? (
            <>
              <Chip
                look={{ ...commandLook(first), label: `${first.name} ${formatArgs(first.args, 30)}`.trim() }}
                count={row.events.length}
                description={description}
                selected={ctx.selected === key}
                current={inside}
                onSelect={() => ctx.onSelect(key, first.line)}
              />
              {toggle}
            </>
          ) : null,
        )}
        <TrackCells ctx={ctx} seqs={(inside ? row.events.slice(0, ctx.current! - row.index + 1) : row.events).map((e) => e.seq)} />
      </>
    );
  }

  const e = row.event;
  const key = eventKey(e);
  const current = ctx.current === row.index;
  const collapse = row.group && (
    <button
      type="button"
      onClick={() => ctx.onToggleRun(e.seq)}
      aria-expanded={true}
      aria-label={`Fold the ${row.group.size} repeated commands again`}
      className="ml-1 rounded-sm p-1 text-slate-600 hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-slate-300 dark:hover:bg-slate-700"
    >
      <ChevronUp aria-hidden="true" className="size-3.5" />
    </button>
  );
  if (e.kind === "command" || e.kind === "pause") {
    const lane = ctx.laneOf.get(e.client);
    const dirt = e.kind === "command" ? ctx.dirtying.get(e.seq)?.[0] : undefined;
    const look = e.kind === "command" ? commandLook(e, dirt?.key) : pauseLook(e);
    return (
      <>
        {gutter}
        {laneCells((i) =>
          i === lane ? (
            <>
              <Chip look={look} description={describeEvent(e)} selected={ctx.selected === key} current={current} onSelect={() => ctx.onSelect(key, e.line)} />
              {collapse}
            </>
          ) : null,
        )}
        <TrackCells ctx={ctx} seqs={[e.seq]} />
      </>
    );
  }
  return (
    <>
      {gutter}
      {wide(
        <>
          <Note icon={NOTE_ICON[e.kind]} text={e.kind === "end" ? describeEvent(e) : e.text} description={describeEvent(e)} ctx={ctx} k={key} line={eventLine(e)} current={current} level={e.kind === "console" ? e.level : undefined} />
          {collapse}
        </>,
      )}
      <TrackCells ctx={ctx} seqs={[e.seq]} />
    </>
  );
}

/** Must match ROW_HEIGHT in rows.ts (24 / 40 / 40 / 28 px). Classes, not inline styles: cheaper. */
const HEIGHT_CLASS: Record<Row["kind"], string> = { attempt: "h-6", event: "h-10", run: "h-10", why: "h-7" };

interface TimelineRowProps {
  row: Row;
  top: number;
  spans: (Attempt | null)[];
  ctx: RowContext;
}

/** One absolutely positioned row of the lane grid. Memoized: scrolling re-renders only new rows. */
export const TimelineRow = memo(function TimelineRow({ row, top, spans, ctx }: TimelineRowProps) {
  const [from] = rowRange(row);
  const future = ctx.current !== null && (row.kind === "attempt" ? false : from > ctx.current);
  return (
    <div
      className={clsx("absolute inset-x-0 grid grid-cols-(--tl-cols)", HEIGHT_CLASS[row.kind], future && "opacity-40")}
      style={{ top }}
      data-row-kind={row.kind}
    >
      <RowBody row={row} ctx={ctx} spans={spans} />
    </div>
  );
});
