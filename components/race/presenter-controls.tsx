"use client";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import type { RaceControl } from "@/lib/race/schema";
import { PRESENTER_HEARTBEAT_MS } from "@/lib/race/presenter-heartbeat";
import { useHotkeys } from "./use-hotkeys";

interface Props {
  runId: string;
  /** "INCRBY balance:1 10": what the other client writes when told to. */
  opponent: string;
  /** The lane the run is paused on ("C"), or null while it is not paused. */
  pausedClient: string | null;
  /** The other client's letter, as the run names it (null until the run says). */
  other: string | null;
  ended: boolean;
}

/** The shortcuts, with the run's own letters once it has named its clients. */
export function controlKeys(other: string | null): { key: string; label: string }[] {
  return [
    { key: "S", label: "Step the program: send the paused lane's next command" },
    { key: "W", label: `${other ? `${other} (the other client)` : "The other client"} writes now` },
    { key: "R", label: "Resume: run the rest at full speed" },
    { key: "X", label: "Stop the run" },
    { key: "P", label: "Presenter mode on / off" },
  ];
}

/** Step-mode controls: every signal goes through Redis, so any instance can serve this page. */
export function PresenterControls({ runId, opponent, pausedClient, other, ended }: Props) {
  const paused = pausedClient !== null;
  const [message, setMessage] = useState("");
  const [sent, setSent] = useState(0);
  const send = async (type: RaceControl["type"]) => {
    if (ended) return;
    const res = await fetch(`/api/runs/${encodeURIComponent(runId)}/control`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type }),
    }).catch(() => null);
    if (!res) return setMessage("The server did not answer. Try again.");
    if (!res.ok) return setMessage(((await res.json().catch(() => ({}))) as { error?: string }).error ?? "That did not work.");
    setSent((n) => n + 1);
    setMessage("");
  };
  // While this page is open the run keeps its slot; once it is gone the server stops the run.
  useEffect(() => {
    if (ended) return;
    const beat = () => void fetch(`/api/runs/${encodeURIComponent(runId)}/control`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "heartbeat" }) }).catch(() => {});
    beat();
    const timer = setInterval(beat, PRESENTER_HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [runId, ended]);
  useHotkeys({ s: () => void send("step"), w: () => void send("inject"), r: () => void send("resume"), x: () => void send("stop") });

  return (
    <section aria-labelledby="controls-title" className="flex flex-col gap-2" data-testid="race-controls" data-sent={sent}>
      <h2 id="controls-title" className="sr-only">
        Controls
      </h2>
      <div className="flex flex-wrap gap-2">
        <Button variant="primary" onClick={() => void send("step")} disabled={ended || !paused} aria-keyshortcuts="s" data-testid="step-a" data-client={pausedClient ?? ""}>
          Step {pausedClient ?? "the program"} (program) <kbd className="font-mono opacity-80">S</kbd>
        </Button>
        <Button onClick={() => void send("inject")} disabled={ended} aria-keyshortcuts="w" data-testid="other-writes" data-client={other ?? ""}>
          {other ?? "The other client"} (other client) writes now: <code className="font-mono">{opponent}</code> <kbd className="font-mono opacity-80">W</kbd>
        </Button>
        <Button onClick={() => void send("resume")} disabled={ended} aria-keyshortcuts="r" data-testid="resume">
          Resume <kbd className="font-mono opacity-80">R</kbd>
        </Button>
        <Button variant="danger" onClick={() => void send("stop")} disabled={ended} aria-keyshortcuts="x" data-testid="stop">
          Stop <kbd className="font-mono opacity-80">X</kbd>
        </Button>
      </div>
      <p role="alert" className="text-sm text-red-800 dark:text-red-300">
        {message}
      </p>
    </section>
  );
}

export function KeyLegend({ other }: { other: string | null }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" aria-label="Keyboard shortcuts" data-testid="key-legend">
      {controlKeys(other).map((k) => (
        <div key={k.key} className="contents">
          <dt>
            <kbd className="rounded border border-slate-400 px-1.5 font-mono">{k.key}</kbd>
          </dt>
          <dd>{k.label}</dd>
        </div>
      ))}
    </dl>
  );
}
