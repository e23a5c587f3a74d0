import { formatValue, type TraceValue } from "@/lib/trace";
import type { ExploreState } from "./explore-contract";

/** Where the schedule stands in words, Redis's values now, and what the program printed. */
export function RunOutcome({ state }: { state: ExploreState }) {
  const paused = state.schedule?.paused ?? false;
  const entries = Object.entries(state.finalState ?? {});
  const steps = state.schedule?.taken.length ?? 0;
  const status =
    state.status !== "ok"
      ? `The run ended after ${steps} steps: ${state.error?.message ?? state.status}`
      : paused
        ? `${steps} ${steps === 1 ? "step" : "steps"} taken; the run is paused until you choose the next one.`
        : `The program finished after ${steps} steps.`;
  return (
    <section aria-labelledby="outcome-title" className="flex flex-col gap-2" data-testid="explore-outcome" data-paused={String(paused)} data-status={state.status}>
      <h2 id="outcome-title" className="text-lg font-semibold">
        Redis now
      </h2>
      <p role="status" data-testid="explore-status">
        {status}
      </p>
      {entries.length > 0 && (
        <dl data-testid="explore-values" className="grid grid-cols-[auto_auto] justify-start gap-x-3">
          {entries.map(([k, v]) => (
            <div key={k} className="contents" data-key={k} data-value={show(v)}>
              <dt className="font-mono">{k}</dt>
              <dd className="font-mono font-semibold">{show(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      {state.output.length > 0 && (
        <pre className="max-h-40 overflow-auto rounded-md bg-slate-100 p-2 text-sm dark:bg-slate-900" data-testid="explore-output">
          {state.output.join("\n")}
        </pre>
      )}
    </section>
  );
}

const show = (v: TraceValue): string => (typeof v === "string" ? v : v === null ? "(missing)" : formatValue(v, 200));
