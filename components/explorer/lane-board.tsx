"use client";
import { clsx } from "clsx";
import { Bot, CircleCheck, Code, Hourglass } from "lucide-react";
import type { ScheduleFrontierEntry, ScheduleLane } from "@/lib/trace";
import { describeNext, isExecStep } from "./explore-model";

interface Props {
  lanes: ScheduleLane[];
  frontier: ScheduleFrontierEntry[];
  /** Steps taken so far, for the announcement. */
  steps: number;
  busy: boolean;
  /** Lets the lane's next command go (nothing when `readOnly`). */
  onChoose?: (client: string) => void;
}

/** The key that chooses a lane: its position, 1-9. */
export const laneKey = (index: number): string | null => (index < 9 ? String(index + 1) : null);

/**
 * One card per client, each with the command it will send next; the presenter or learner picks
 * which goes next (click, or the lane's number key). Screen readers hear every lane's next command.
 */
export function LaneBoard({ lanes, frontier, steps, busy, onChoose }: Props) {
  const nextOf = new Map(frontier.map((f) => [f.client, f]));
  const waiting = lanes.filter((l) => nextOf.has(l.client));
  const announcement =
    waiting.length === 0
      ? `After ${steps} steps no client has a command waiting: the run is over.`
      : `After ${steps} ${steps === 1 ? "step" : "steps"}. ${waiting.map((l) => `${l.client} next: ${describeNext(nextOf.get(l.client)!)}`).join(". ")}.`;
  return (
    <section aria-labelledby="lanes-title" className="flex flex-col gap-2" data-testid="lane-board" data-busy={String(busy)}>
      <h2 id="lanes-title" className="text-lg font-semibold">
        Who goes next?
      </h2>
      <p aria-live="polite" className="sr-only" data-testid="lanes-announcement">
        {announcement}
      </p>
      <ol className="grid grid-cols-[repeat(auto-fill,minmax(15rem,1fr))] gap-2">
        {lanes.map((lane, i) => {
          const next = nextOf.get(lane.client);
          const key = laneKey(i);
          const Icon = lane.origin === "plan" ? Bot : Code;
          const exec = next ? isExecStep(next) : false;
          return (
            <li key={lane.client}>
              <button
                type="button"
                onClick={() => next && onChoose?.(lane.client)}
                disabled={!next || busy || !onChoose}
                aria-keyshortcuts={key ?? undefined}
                aria-label={`${lane.client}, ${lane.label}: ${next ? `next ${describeNext(next)}${next.line ? ` on line ${next.line}` : ""}` : lane.done ? "finished" : "nothing waiting"}${next && key && onChoose ? `. Press ${key} to let it go.` : ""}`}
                data-testid={`lane-${lane.client}`}
                data-next={next ? next.name : ""}
                data-exec={String(exec)}
                className={clsx(
                  "flex h-full w-full flex-col gap-1 rounded-lg border-2 p-2 text-left",
                  "focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:focus-visible:outline-blue-400",
                  next ? "border-slate-700 hover:bg-slate-100 dark:border-slate-300 dark:hover:bg-slate-800" : "border-dashed border-slate-300 text-slate-500 dark:border-slate-700",
                  "disabled:cursor-default motion-safe:transition-colors",
                )}
              >
                <span className="flex items-center gap-1.5">
                  <span className="rounded-sm bg-slate-900 px-1.5 font-mono font-bold text-white dark:bg-slate-100 dark:text-slate-900">{lane.client}</span>
                  <Icon aria-hidden="true" className="size-4 shrink-0" />
                  <span className="truncate text-sm">{lane.label}</span>
                  {key && next && onChoose && <kbd className="ml-auto rounded border border-slate-400 px-1.5 font-mono text-xs">{key}</kbd>}
                </span>
                {next ? (
                  <span className="flex flex-wrap items-baseline gap-x-1.5 text-sm">
                    <span className="text-slate-600 dark:text-slate-400">next:</span>
                    <code className="font-mono font-semibold break-all">{describeNext(next)}</code>
                    {next.line && <span className="text-xs text-slate-600 dark:text-slate-400">line {next.line}</span>}
                    {exec && <span className="rounded-sm border border-current px-1 text-xs font-semibold">ends a transaction</span>}
                  </span>
                ) : (
                  <span className="flex items-center gap-1 text-sm">
                    {lane.done ? <CircleCheck aria-hidden="true" className="size-4" /> : <Hourglass aria-hidden="true" className="size-4" />}
                    {lane.done ? "finished" : "nothing waiting"}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
