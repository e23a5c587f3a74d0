import { clsx } from "clsx";
import { ArrowRight, CircleCheck, CircleDashed, CircleDot, Minus } from "lucide-react";
import { PHASE_HINT, PHASE_LABEL, PHASES, type PhaseState } from "./phases";

const ICON: Record<PhaseState, typeof CircleCheck> = { done: CircleCheck, now: CircleDot, ahead: CircleDashed, absent: Minus };
const WORDS: Record<PhaseState, string> = { done: "passed", now: "now", ahead: "not reached yet", absent: "not in this run" };

const TONE: Record<PhaseState, string> = {
  done: "border-slate-400 text-slate-900 dark:border-slate-500 dark:text-slate-100",
  now: "border-blue-700 bg-blue-50 font-semibold text-blue-950 ring-1 ring-blue-700 dark:border-blue-300 dark:bg-blue-950 dark:text-blue-50 dark:ring-blue-300",
  ahead: "border-dashed border-slate-300 text-slate-600 dark:border-slate-600 dark:text-slate-400",
  absent: "border-dashed border-slate-200 text-slate-600 line-through dark:border-slate-700 dark:text-slate-400",
};

/**
 * WATCH -> read -> MULTI -> EXEC -> null -> retry, lit as the replay passes each phase. The
 * state is in an icon and words too (not only color): passed, now, not reached yet, absent.
 */
export function PhaseLegend({ states }: { states: Record<(typeof PHASES)[number], PhaseState> }) {
  return (
    <ol aria-label="Phases of a transaction" className="flex flex-wrap items-center gap-1 text-xs" data-testid="phase-legend">
      {PHASES.map((p, i) => {
        const state = states[p];
        const Icon = ICON[state];
        return (
          <li key={p} className="flex items-center gap-1">
            {i > 0 && <ArrowRight aria-hidden="true" className="size-3 shrink-0 text-slate-500" />}
            <span
              data-phase={p}
              data-state={state}
              aria-current={state === "now" ? "step" : undefined}
              title={`${PHASE_HINT[p]} (${WORDS[state]})`}
              className={clsx("flex items-center gap-1 rounded-full border px-2 py-0.5 font-mono motion-safe:transition-colors", TONE[state])}
            >
              <Icon aria-hidden="true" className="size-3 shrink-0" />
              {PHASE_LABEL[p]}
              <span className="sr-only">: {WORDS[state]}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
