import { CircleCheck, TriangleExclamationPoint } from "lucide-react";
import { watchState, type ScheduleLane, type ScheduleStep, type Trace, type WatchEntry } from "@/lib/trace";
import { stepOfSeq } from "./explore-model";

/**
 * What Redis sees of WATCH now: per client, the keys it watches, each clean or dirty, and who
 * dirtied it at which step. Whether a client's next EXEC commits follows from this panel alone.
 */
export function WatchPanel({ trace, lanes, steps }: { trace: Trace; lanes: ScheduleLane[]; steps: ScheduleStep[] }) {
  const entries = watchState(trace);
  const byClient = new Map<string, WatchEntry[]>();
  for (const e of entries) byClient.set(e.client, [...(byClient.get(e.client) ?? []), e]);
  const step = (seq: number) => stepOfSeq(steps, seq);
  return (
    <section aria-labelledby="watch-title" className="flex flex-col gap-2" data-testid="watch-panel">
      <h2 id="watch-title" className="text-lg font-semibold">
        What each client watches
      </h2>
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(15rem,1fr))] gap-2 text-sm">
        {lanes.map((lane) => {
          const watched = byClient.get(lane.client) ?? [];
          return (
            <li key={lane.client} className="rounded-md border border-slate-300 p-2 dark:border-slate-700" data-testid={`watch-${lane.client}`}>
              <p className="font-medium">
                <span className="font-mono font-bold">{lane.client}</span> {watched.length === 0 ? "watches nothing" : "watches"}
              </p>
              {watched.length > 0 && (
                <ul className="mt-1 flex flex-col gap-1">
                  {watched.map((w) => {
                    const at = w.dirtiedBy ? step(w.dirtiedBy.seq) : null;
                    return (
                      <li key={w.key} data-key={w.key} data-state={w.dirtiedBy ? "dirty" : "clean"} className="flex items-start gap-1.5">
                        {w.dirtiedBy ? (
                          <TriangleExclamationPoint aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-red-700 dark:text-red-300" />
                        ) : (
                          <CircleCheck aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-green-700 dark:text-green-300" />
                        )}
                        <span>
                          <code className="font-mono">{w.key}</code>{" "}
                          {w.dirtiedBy ? (
                            <strong className="font-semibold">
                              dirty: changed by {w.dirtiedBy.client === lane.client ? `${lane.client} itself` : w.dirtiedBy.client}
                              {at ? ` at step ${at}` : ""}
                            </strong>
                          ) : (
                            <span>clean: unchanged since {lane.client} watched it{step(w.watchSeq) ? ` at step ${step(w.watchSeq)}` : ""}</span>
                          )}
                        </span>
                      </li>
                    );
                  })}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
