"use client";
/**
 * The transaction timeline beside the editor: lanes per client, attempts, why an EXEC was
 * aborted, step-through replay (shareable as ?step=N), and export. Fed by the last run's trace.
 */
import { clsx } from "clsx";
import { Inbox, TriangleExclamationPoint } from "lucide-react";
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { extendsTrace, watchedValues, describeEvent, eventLine, seqIndex, type Trace } from "@/lib/trace";
import type { ShareOutcome } from "@/lib/runs/share-types";
import { DetailsPanel } from "./details-panel";
import { detailsTarget } from "./details-target";
import { ExportButtons } from "./export-buttons";
import type { LineRequest } from "./line-commands";
import { PhaseLegend } from "./phase-legend";
import { phaseModel, phaseStates } from "./phases";
import { ReplayControl } from "./replay-control";
import { ShareButton } from "./share-button";
import { Lanes, type LanesHandle } from "./lanes";
import { eventKey } from "./row";
import { buildRows } from "./rows";
import { ScreenReaderList } from "./sr-list";
import { StepControl } from "./step-control";
import { pendingCommand, Summary } from "./summary";
import { parseStep, useUrlStep, writeStep } from "./url-step";
import { timelineKeyHandler } from "./timeline-keys";
import { useLineRequest } from "./use-line-request";
import { useReplay } from "./use-replay";

/** More value tracks than this would squeeze the lanes; the details panel shows the rest. */
const MAX_TRACKS = 3;

export interface TimelineProps {
  trace: Trace | null;
  onSelectLine?: (line: number | null) => void;
  title?: string;
  /** A line the learner clicked in the editor: its commands are shown and selected in turn. */
  lineRequest?: LineRequest | null;
  /** Stores this run and answers its id: shows "Share this run". */
  share?: () => Promise<ShareOutcome>;
  /** From xl up, fill the parent's height (the workbench), the lanes taking what is left. */
  fit?: boolean;
}

export function Timeline({ trace, onSelectLine, title, lineRequest, share, fit }: TimelineProps) {
  // Count runs so a new run remounts the view (fresh step, selection, scroll); a trace that
  // only grew (a live run streaming in) is the same run and keeps them. Only the first run
  // after page load adopts ?step=N - a shared link points into that run.
  const [seen, setSeen] = useState<{ trace: Trace | null; n: number }>({ trace: null, n: 0 });
  let next = seen;
  if (!trace && seen.trace) next = { trace: null, n: seen.n };
  else if (trace && trace !== seen.trace) next = { trace, n: seen.trace && extendsTrace(seen.trace, trace) ? seen.n : seen.n + 1 };
  if (next !== seen) setSeen(next);

  if (!trace) {
    return (
      <div className="flex flex-col items-center gap-2 rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600 dark:border-slate-600 dark:text-slate-400">
        {title && <h3 className="font-semibold text-slate-900 dark:text-slate-100">{title}</h3>}
        <Inbox aria-hidden="true" className="size-6" />
        <p>Run your code to see every command here</p>
      </div>
    );
  }
  return <TimelineView key={next.n} trace={trace} adoptUrl={next.n === 1} onSelectLine={onSelectLine} title={title} lineRequest={lineRequest} share={share} fit={fit} />;
}

interface ViewProps extends Omit<TimelineProps, "trace"> {
  trace: Trace;
  /** The first run after page load opens at ?step=N; later runs clear it. */
  adoptUrl: boolean;
}

const clampStep = (n: number, total: number) => Math.min(Math.max(1, Math.round(n)), Math.max(1, total));

function TimelineView({ trace, adoptUrl, onSelectLine, title, lineRequest, share, fit }: ViewProps) {
  const total = trace.events.length;
  // Null on the server and while hydrating; the mount effect reads the address bar then.
  const urlStep = useUrlStep();
  const [step, setStep] = useState<number | null>(() => (!adoptUrl || urlStep === null || total === 0 ? null : clampStep(urlStep, total)));
  const [selected, setSelected] = useState<string | null>(() => {
    const e = step === null ? undefined : trace.events[step - 1];
    return e ? eventKey(e) : null;
  });
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const lanes = useRef<LanesHandle>(null);

  const model = useMemo(() => buildRows(trace, expanded), [trace, expanded]);
  // The screen-reader list of a long run has thousands of items: render it in a background
  // (time-sliced) pass after the lanes are on screen, instead of delaying the first paint.
  const listModel = useDeferredValue(model, null);
  const tracks = useMemo(() => watchedValues(trace).slice(0, MAX_TRACKS), [trace]);
  const indexOfSeq = useMemo(() => seqIndex(trace.events), [trace]);
  const laneOf = useMemo(() => new Map(trace.clients.map((c, i) => [c.id, i])), [trace]);
  const phases = useMemo(() => phaseModel(trace, model.attempts), [trace, model.attempts]);

  const goTo = useCallback(
    (next: number | null) => {
      const s = next === null || total === 0 ? null : clampStep(next, total);
      setStep(s);
      writeStep(s);
      const e = s === null ? undefined : trace.events[s - 1];
      setSelected(e ? eventKey(e) : null);
      onSelectLine?.(e ? eventLine(e) : null);
      if (s !== null) lanes.current?.reveal(s - 1);
    },
    [trace, total, onSelectLine],
  );

  const replay = useReplay(step, total, goTo);

  // Clicking the selected chip again deselects it (and clears the editor highlight).
  const select = useCallback(
    (key: string, line: number | null) => {
      const next = selected === key ? null : key;
      setSelected(next);
      onSelectLine?.(next === null ? null : line);
    },
    [selected, onSelectLine],
  );

  const clearSelection = useCallback(() => {
    setSelected(null);
    onSelectLine?.(null);
  }, [onSelectLine]);

  const showSeq = useCallback(
    (seq: number) => {
      const i = indexOfSeq.get(seq);
      const e = i === undefined ? undefined : trace.events[i];
      if (i === undefined || !e) return;
      setSelected(eventKey(e));
      onSelectLine?.(eventLine(e));
      lanes.current?.reveal(i);
    },
    [indexOfSeq, trace, onSelectLine],
  );

  // The details panel takes room from the lanes when a chip is selected: keep that chip in view.
  useLayoutEffect(() => {
    const i = selected === null ? undefined : indexOfSeq.get(Number(selected.slice(1)));
    if (i !== undefined) lanes.current?.reveal(i);
  }, [selected, indexOfSeq]);

  const lineNote = useLineRequest(lineRequest ?? null, { trace, model, indexOfSeq, selected, setSelected, onSelectLine, reveal: (i) => lanes.current?.reveal(i) });

  const toggleRun = useCallback((seq: number) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });
  }, []);

  // A shared ?step=N link: highlight its line and scroll to it once; a new run clears the param.
  // Hydration renders without the URL (the server has none), so read it here rather than
  // trusting the first render, and never clear a step the first run was opened with.
  useEffect(() => {
    if (step !== null) {
      onSelectLine?.(eventLine(trace.events[step - 1]!));
      lanes.current?.reveal(step - 1);
      return;
    }
    if (!adoptUrl) {
      writeStep(null);
      return;
    }
    const fromUrl = parseStep(window.location.search);
    // The address bar is the external system here, and it can only be read after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (fromUrl !== null && total > 0) goTo(fromUrl);
    // Mount only: later steps are handled by goTo.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const ctx = useMemo(
    () => ({
      current: step === null ? null : step - 1,
      selected,
      dirtying: model.dirtying,
      indexOfSeq,
      onSelect: select,
      onStep: (index: number) => goTo(index + 1),
      onToggleRun: toggleRun,
    }),
    [step, selected, model, indexOfSeq, select, goTo, toggleRun],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => timelineKeyHandler({ step, total, goTo, clearSelection, toggleReplay: replay.toggle })(e);

  const details = detailsTarget(selected, trace, indexOfSeq, model.rows);
  const detailSeq = details?.kind === "event" ? details.event.seq : undefined;
  const detailConflicts = detailSeq === undefined ? [] : model.conflicts.filter((c) => c.execSeq === detailSeq || c.writeSeq === detailSeq);
  const currentEvent = step === null ? undefined : trace.events[step - 1];
  const end = trace.events.at(-1);

  return (
    <div className={clsx("flex min-w-0 flex-col gap-2", fit && "xl:min-h-0 xl:flex-1")} onKeyDown={onKeyDown} aria-label={title ?? "Transaction timeline"} role="group">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        {title && <h3 className="text-sm font-semibold">{title}</h3>}
        <Summary attempts={model.attempts} pending={pendingCommand(trace)} />
      </div>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <StepControl step={step} total={total} onStep={goTo} />
        <ReplayControl playing={replay.playing} speed={replay.speed} onToggle={replay.toggle} onSpeed={replay.setSpeed} />
        <PhaseLegend states={phaseStates(phases, step === null ? null : step - 1)} />
        <div className="ml-auto flex flex-wrap items-center gap-1">
          <ExportButtons trace={trace} />
          {share && <ShareButton share={share} step={step} />}
        </div>
      </div>
      {(trace.truncated || (end && end.kind !== "end")) && (
        <p className={clsx("flex items-center gap-1.5 text-sm text-amber-900 dark:text-amber-200")}>
          <TriangleExclamationPoint aria-hidden="true" className="size-4 shrink-0" />
          {trace.truncated ? "The run hit the trace size limit: later commands are not shown." : "The run has not finished yet."}
        </p>
      )}
      <Lanes trace={trace} model={model} tracks={tracks} ctx={ctx} laneOf={laneOf} handle={lanes} fit={fit} />
      <p aria-live="polite" className="sr-only">
        {currentEvent ? `Step ${step} of ${total}: ${describeEvent(currentEvent)}` : ""}
      </p>
      {lineNote && (
        <p role="status" className="text-xs text-slate-600 dark:text-slate-400" data-testid="line-note">
          {lineNote}
        </p>
      )}
      {details && (
        <div className={clsx(fit && "xl:max-h-[40%] xl:shrink-0 xl:overflow-y-auto")}>
        <DetailsPanel
          target={details}
          clients={trace.clients}
          conflicts={detailConflicts}
          onClose={clearSelection}
          onShowSeq={showSeq}
          stepOfSeq={(seq) => {
            const i = indexOfSeq.get(seq);
            return i === undefined ? null : i + 1;
          }}
        />
        </div>
      )}
      {listModel && <ScreenReaderList model={listModel} label={`${title ?? "Timeline"} as a list, in order`} />}
    </div>
  );
}

