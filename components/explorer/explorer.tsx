"use client";
/**
 * The schedule explorer: every client is a lane you move. Pick who goes next (click a lane or
 * press its number), undo a step, start over; the schedule is the address, so the link replays
 * it exactly anywhere. Predict mode asks before each EXEC. A presenter's steps reach the audience.
 */
import { useMemo, useState, useSyncExternalStore } from "react";
import { Timeline } from "@/components/timeline/timeline";
import { Button } from "@/components/ui/button";
import { useHotkeys } from "@/components/race/use-hotkeys";
import { exploreStep } from "@/app/race/explore/actions";
import { isExecStep } from "./explore-model";
import { LaneBoard, laneKey } from "./lane-board";
import { LostUpdateNote } from "./lost-update-note";
import { PredictQuestion, PredictReveal, PredictScore } from "./predict";
import { PresentControl } from "./present-control";
import { ProgramForm, type UnitOption } from "./program-form";
import { RunOutcome } from "./run-outcome";
import { useExplorer, type ExplorerProgram } from "./use-explorer";
import { usePredict } from "./use-predict";
import { WatchPanel } from "./watch-panel";

interface Props {
  units: UnitOption[];
  program: ExplorerProgram;
  /** The code shown in the form (the unit's explorer program, or the link's). */
  code: string;
  schedule: string;
  predict: boolean;
  /** Open the timeline at this event (a check's lost write). */
  focusSeq?: number;
}

const noSubscribe = () => () => {};

export function Explorer({ units, program: initialProgram, code: initialCode, schedule, predict: initialPredict, focusSeq }: Props) {
  const hydrated = useSyncExternalStore(noSubscribe, () => true, () => false);
  const [program, setProgram] = useState(initialProgram);
  const [code, setCode] = useState(initialCode);
  const [predicting, setPredicting] = useState(initialPredict);
  const [session, setSession] = useState<string | undefined>(undefined);
  const ex = useExplorer(program, schedule, { step: exploreStep, session, predict: predicting, focusSeq });
  const predict = usePredict(ex.state, (client) => ex.go(ex.choices + client));
  const frontier = useMemo(() => ex.state?.schedule?.frontier ?? [], [ex.state]);
  const lanes = ex.state?.schedule?.lanes ?? [];

  const choose = (client: string) => {
    if (ex.busy || predict.question) return;
    const next = frontier.find((f) => f.client === client);
    if (!next) return;
    if (predicting && isExecStep(next)) return predict.ask(client);
    predict.clearReveal();
    void ex.go(ex.choices + client);
  };
  const undo = () => {
    if (ex.choices.length === 0 || ex.busy) return;
    predict.clearReveal();
    void ex.go(ex.choices.slice(0, -1));
  };
  const reset = () => {
    predict.clearReveal();
    void ex.go("");
  };

  const keys: Record<string, () => void> = { u: undo };
  lanes.forEach((l, i) => {
    const k = laneKey(i);
    if (k) keys[k] = () => choose(l.client);
  });
  if (predict.question) Object.assign(keys, { y: () => void predict.answer(true), n: () => void predict.answer(false) });
  useHotkeys(keys);

  return (
    <div className="flex flex-col gap-5" data-testid="explorer" data-choices={ex.choices} data-busy={String(ex.busy)}>
      <ProgramForm
        units={units}
        program={program}
        code={code}
        onChange={(p, c) => {
          setCode(c);
          setProgram(p);
        }}
      />
      <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Schedule">
        <Button onClick={undo} disabled={ex.choices.length === 0 || ex.busy} aria-keyshortcuts="u" data-testid="explore-undo">
          Undo one step <kbd className="font-mono opacity-80">U</kbd>
        </Button>
        <Button onClick={reset} disabled={ex.busy} data-testid="explore-reset">
          Start over
        </Button>
        <label className="flex items-center gap-1.5 text-sm">
          <input type="checkbox" checked={predicting} onChange={(e) => setPredicting(e.target.checked)} data-testid="predict-toggle" />
          Predict mode: ask me before each EXEC
        </label>
        <span className="font-mono text-sm" data-testid="explore-schedule" aria-label={`Schedule so far: ${ex.choices || "no steps yet"}`}>
          schedule: {ex.choices || "(no steps yet)"}
        </span>
        <PresentControl session={session} onStart={setSession} />
      </div>
      <p role="alert" className="text-sm font-medium text-red-800 dark:text-red-300" data-testid="explore-refusal">
        {ex.refusal ?? ""}
      </p>
      {predicting && <PredictScore right={predict.score.right} asked={predict.score.asked} />}
      {predict.question && <PredictQuestion client={predict.question} onAnswer={(v) => void predict.answer(v)} onCancel={predict.cancel} />}
      {predict.reveal && <PredictReveal reveal={predict.reveal} />}
      {ex.state?.schedule && <LaneBoard lanes={lanes} frontier={frontier} steps={ex.state.schedule.taken.length} busy={ex.busy} onChoose={choose} />}
      {ex.state?.lostUpdate && <LostUpdateNote lost={ex.state.lostUpdate} steps={ex.state.schedule?.steps ?? []} />}
      {ex.state?.trace && ex.state.schedule && <WatchPanel trace={ex.state.trace} lanes={lanes} steps={ex.state.schedule.steps} />}
      {ex.state && <RunOutcome state={ex.state} />}
      {hydrated && ex.state?.trace && <Timeline trace={ex.state.trace} title="Timeline of this schedule" />}
      {!ex.state && !ex.refusal && <p data-testid="explore-loading">Running the schedule...</p>}
    </div>
  );
}
