"use client";
/**
 * One run of the race lab, live: the presenter's view (controls, keys, presenter mode) or the
 * audience's read-only view of the same stream. A finished run is replayed from its stored trace.
 */
import { clsx } from "clsx";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { Timeline } from "@/components/timeline/timeline";
import { Button } from "@/components/ui/button";
import type { PublicRaceMeta } from "@/lib/race/meta";
import { runPhase } from "@/lib/race/live-trace";
import { describeOpponent } from "@/lib/race/plan";
import type { StreamedResult } from "@/lib/race/streamed-result";
import type { Trace } from "@/lib/trace";
import { CrowdPanel } from "./crowd-panel";
import { otherClientId, programLanes, withRoleLabels } from "./lane-names";
import { KeyLegend, PresenterControls } from "./presenter-controls";
import { EventLog, ExecOutcomes, RunStatus } from "./run-status";
import { useHotkeys } from "./use-hotkeys";
import { useRunStream } from "./use-run-stream";

export type RoomRole = "presenter" | "viewer" | "audience";

const MODE_LABEL: Record<PublicRaceMeta["mode"], string> = {
  step: "Step mode",
  staged: "Staged conflicts",
  live: "Live writer",
  crowd: "Crowd",
};

interface Props {
  meta: PublicRaceMeta;
  role: RoomRole;
  initial: { trace: Trace; result: StreamedResult } | null;
}

const noSubscribe = () => () => {};

export function RaceRoom({ meta, role, initial }: Props) {
  // The timeline reads ?step=N only on its first client render; during hydration it would see
  // the server's "no URL" and drop the step, so it mounts after hydration.
  const hydrated = useSyncExternalStore(noSubscribe, () => true, () => false);
  const stream = useRunStream(meta.runId, initial);
  const { result, state, received } = stream;
  const trace = useMemo(() => withRoleLabels(stream.trace), [stream.trace]);
  const other = otherClientId(trace);
  const [presenting, setPresenting] = useState(false);
  const [copied, setCopied] = useState(false);
  const phase = runPhase(trace);
  const ended = phase.kind === "ended" || state === "ended";
  const controls = role === "presenter" && meta.mode === "step";

  useHotkeys({ p: () => setPresenting((v) => !v) });
  // Presenter mode scales every rem-based size on the page (the timeline included).
  useEffect(() => {
    if (!presenting) return;
    const html = document.documentElement;
    const before = html.style.fontSize;
    html.style.fontSize = "137.5%";
    return () => {
      html.style.fontSize = before;
    };
  }, [presenting]);

  const watchPath = `/race/${meta.runId}/watch`;
  const copy = async () => {
    await navigator.clipboard?.writeText(new URL(watchPath, window.location.href).href).catch(() => {});
    setCopied(true);
  };

  return (
    <div
      data-testid="race-room"
      data-role={role}
      data-received={received}
      data-stream={state}
      data-presenting={String(presenting)}
      className={clsx("flex flex-col gap-5", presenting && "dark fixed inset-0 z-40 overflow-auto bg-black p-8 text-white")}
    >
      <header className="flex flex-wrap items-baseline gap-x-4 gap-y-2">
        <h1 className={clsx("font-bold tracking-tight", presenting ? "text-4xl" : "text-2xl")}>{meta.title}</h1>
        <span className="rounded-full border border-current px-2 py-0.5 text-sm">{MODE_LABEL[meta.mode]}</span>
        {meta.opponent && meta.mode !== "crowd" && (
          <span className="text-sm" data-testid="other-client">
            {other ? `${other} (other client)` : "Other client"}: <code className="font-mono">{describeOpponent(meta.opponent)}</code>
          </span>
        )}
        <span className="ml-auto flex flex-wrap items-center gap-2">
          {role !== "audience" && (
            <>
              <a href={watchPath} className="text-sm underline underline-offset-2" data-testid="audience-link" target="_blank" rel="noreferrer">
                Audience link
              </a>
              <Button variant="ghost" onClick={() => void copy()}>
                {copied ? "Copied" : "Copy audience link"}
              </Button>
            </>
          )}
          <Button onClick={() => setPresenting((v) => !v)} aria-pressed={presenting} aria-keyshortcuts="p" data-testid="presenter-toggle">
            {role === "audience" ? (presenting ? "Normal type" : "Large type") : presenting ? "Leave presenter mode" : "Presenter mode"}{" "}
            <kbd className="font-mono opacity-80">P</kbd>
          </Button>
        </span>
      </header>

      {!presenting && (
        <div className="max-w-3xl text-slate-700 dark:text-slate-300" data-testid="race-prose">
          {role !== "presenter" ? (
            <p>You are watching this run live, read-only. Every command appears on the timeline as it happens.</p>
          ) : meta.mode === "step" ? (
            <p data-testid="step-prose">
              The run pauses before each command of the program{programLanes(trace) ? ` (lanes ${programLanes(trace)})` : ""}. Step it through WATCH and GET,
              let {other ?? "the other client"} write, then step to EXEC: it comes back null (a WatchError) and the code retries. Share the audience link so
              students follow on their own screens.
            </p>
          ) : (
            <p>The run plays by itself; the timeline grows as each command comes back from Redis.</p>
          )}
        </div>
      )}

      <RunStatus trace={trace} result={result} state={state} />
      {controls && (
        <div className="flex flex-wrap items-start gap-8">
          <PresenterControls
            runId={meta.runId}
            opponent={meta.opponent ? describeOpponent(meta.opponent) : ""}
            pausedClient={phase.kind === "paused" ? phase.client : null}
            other={other}
            ended={ended}
          />
          <KeyLegend other={other} />
        </div>
      )}
      {!controls && role !== "audience" && (
        <dl className="text-sm" aria-label="Keyboard shortcuts">
          <dt className="inline">
            <kbd className="rounded border border-slate-400 px-1.5 font-mono">P</kbd>
          </dt>{" "}
          <dd className="inline">Presenter mode on / off</dd>
        </dl>
      )}
      {meta.mode !== "crowd" && (
        <>
          <ExecOutcomes trace={trace} />
          <EventLog trace={trace} />
        </>
      )}
      {meta.crowd && <CrowdPanel crowd={meta.crowd} trace={trace} result={result} />}
      {result && <RunOutcome result={result} />}
      {hydrated && meta.mode === "crowd" ? (
        <details data-testid="crowd-timeline">
          <summary className="cursor-pointer font-medium">Every command, lane by lane ({trace.clients.length} lanes)</summary>
          <Timeline trace={trace.events.length ? trace : null} title="Timeline" />
        </details>
      ) : (
        hydrated && <Timeline trace={trace.events.length ? trace : null} title="Timeline" />
      )}
    </div>
  );
}

function RunOutcome({ result }: { result: StreamedResult }) {
  const entries = Object.entries(result.finalState ?? {});
  return (
    <section aria-labelledby="outcome-title" className="flex flex-wrap gap-8" data-testid="run-outcome">
      <h2 id="outcome-title" className="sr-only">
        Result
      </h2>
      {result.error && (
        <p role="alert" className="max-w-3xl font-medium text-red-800 dark:text-red-300" data-testid="run-error">
          {result.error.message}
        </p>
      )}
      {entries.length > 0 && (
        <dl data-testid="final-values" className="grid grid-cols-[auto_auto] gap-x-3">
          {entries.map(([k, v]) => (
            <div key={k} className="contents" data-key={k} data-value={typeof v === "string" ? v : JSON.stringify(v)}>
              <dt className="font-mono">{k}</dt>
              <dd className="font-mono font-semibold">{typeof v === "string" ? v : JSON.stringify(v)}</dd>
            </div>
          ))}
        </dl>
      )}
      {result.output.length > 0 && (
        <pre className="max-h-48 overflow-auto rounded-md bg-slate-100 p-2 text-sm dark:bg-slate-900" data-testid="race-output">
          {result.output.join("\n")}
        </pre>
      )}
    </section>
  );
}
