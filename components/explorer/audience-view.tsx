"use client";
/**
 * The audience's view of a presented explorer: it follows the presenter's schedule live (each
 * step arrives over SSE from Redis, whichever instance serves this page) and controls nothing.
 */
import { useEffect, useState, useSyncExternalStore } from "react";
import { Timeline } from "@/components/timeline/timeline";
import { exploreStep } from "@/app/race/explore/actions";
import type { ExploreState, PublishedStep } from "./explore-contract";
import { LaneBoard } from "./lane-board";
import { LostUpdateNote } from "./lost-update-note";
import { RunOutcome } from "./run-outcome";
import { WatchPanel } from "./watch-panel";

const noSubscribe = () => () => {};
type Follow = "connecting" | "live" | "failed";

export function AudienceView({ session }: { session: string }) {
  const hydrated = useSyncExternalStore(noSubscribe, () => true, () => false);
  const [state, setState] = useState<ExploreState | null>(null);
  const [follow, setFollow] = useState<Follow>("connecting");

  useEffect(() => {
    const es = new EventSource(`/api/explore/${encodeURIComponent(session)}/events`);
    let latest = 0;
    es.onopen = () => setFollow("live");
    es.addEventListener("step", (m) => {
      const step = JSON.parse((m as MessageEvent<string>).data) as PublishedStep;
      const ticket = ++latest;
      // Too large to publish: replay the same schedule here (deterministic, so it is the same run).
      const ready = step.state ? Promise.resolve(step.state) : exploreStep(step.link);
      void ready.then((s) => {
        if (ticket === latest) setState(s);
      });
    });
    es.onerror = () => setFollow(es.readyState === EventSource.CLOSED ? "failed" : "connecting");
    return () => es.close();
  }, [session]);

  const lanes = state?.schedule?.lanes ?? [];
  return (
    <div className="flex flex-col gap-5" data-testid="explore-audience" data-follow={follow} data-choices={state?.choices ?? ""}>
      <p role="status" className="text-lg font-medium">
        {follow === "failed"
          ? "Could not follow the presentation (it may have ended). Reload the page to try again."
          : state
            ? `Following the presenter: schedule ${state.choices || "(no steps yet)"}.`
            : "Waiting for the presenter's first step..."}
      </p>
      {state?.schedule && <LaneBoard lanes={lanes} frontier={state.schedule.frontier} steps={state.schedule.taken.length} busy={false} />}
      {state?.lostUpdate && <LostUpdateNote lost={state.lostUpdate} steps={state.schedule?.steps ?? []} />}
      {state?.trace && state.schedule && <WatchPanel trace={state.trace} lanes={lanes} steps={state.schedule.steps} />}
      {state && <RunOutcome state={state} />}
      {hydrated && state?.trace && <Timeline trace={state.trace} title="Timeline of this schedule" />}
    </div>
  );
}
