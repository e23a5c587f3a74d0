"use client";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { CodeEditor } from "@/components/editor/code-editor";
import type { EditorApi, EditorRunError } from "@/components/editor/editor-api";
import { exposeTestHook } from "@/components/editor/test-hook";
import { Timeline } from "@/components/timeline/timeline";
import type { Trace } from "@/lib/trace";
import { CheckResults } from "./check-results";
import { loadSavedCode, saveCode } from "./code-storage";
import { RunResult } from "./run-result";
import { RunToolbar } from "./run-toolbar";
import { ScenarioNotes } from "./scenario-notes";
import { SolutionPanel } from "./solution-panel";
import { TabHint } from "./tab-hint";
import type { WorkbenchUnit } from "./types";
import { useCheck } from "./use-check";
import { useRun } from "./use-run";

/** Editor, Run (and Check), output and timeline for one unit. Keyed by slug by the page. */
export function Workbench({ unit, apiDts }: { unit: WorkbenchUnit; apiDts: string }) {
  const [api, setApi] = useState<EditorApi | null>(null);
  // Until Monaco takes over, the static view shows (and Run sends) this code.
  const { code, codeRef, hydrated, setDraft } = usePreEditorCode(unit);
  const [highlightLine, setHighlightLine] = useState<number | null>(null);
  // A failing check's scenario, shown on the timeline instead of the last run until the next run.
  const [shown, setShown] = useState<{ trace: Trace; label: string } | null>(null);
  const { state, pending, run, finished } = useRun(unit.slug, !unit.graded);
  const { result: checkResult, pending: checking, check } = useCheck(unit.slug);
  const busy = pending || checking;
  const busyRef = useRef(busy);
  useEffect(() => {
    busyRef.current = busy;
  }, [busy]);

  const currentCode = useCallback(() => (api ? api.getCode() : codeRef.current), [api, codeRef]);
  useEffect(() => {
    if (api) return exposeTestHook(api, true);
    return hydrated ? exposeTestHook({ getCode: () => codeRef.current, setCode: setDraft, getMarkers: () => [] }, false) : undefined;
  }, [api, hydrated, codeRef, setDraft]);

  const start = useCallback(
    (scenarioId?: string) => {
      if (busyRef.current) return;
      setHighlightLine(null);
      setShown(null);
      run(currentCode(), scenarioId);
    },
    [currentCode, run],
  );

  const startCheck = () => {
    if (busyRef.current) return;
    setShown(null);
    check(currentCode());
  };

  const replaceCode = (next: string) => {
    if (!api) return setDraft(next);
    api.setCode(next);
    api.focus();
  };

  const err = !pending ? state?.error : undefined;
  const runError: EditorRunError | null = err?.line !== undefined ? { message: err.message, line: err.line, column: err.column } : null;
  const trace = shown?.trace ?? (pending ? null : (state?.trace ?? null));

  return (
    <div className="space-y-4">
      <div className="space-y-1">
        <div className="h-[55vh] min-h-72 overflow-hidden rounded-lg border border-slate-300 dark:border-slate-700">
          <CodeEditor
            code={code}
            apiDts={apiDts}
            label={`Code editor: ${unit.title}`}
            onChange={(code) => saveCode(unit.slug, code)}
            onRun={() => start()}
            onReady={setApi}
            runError={runError}
            highlightLine={highlightLine}
          />
        </div>
        <TabHint />
      </div>
      <RunToolbar
        unit={unit}
        pending={busy}
        ready={hydrated}
        onRun={start}
        onCheck={unit.graded ? startCheck : undefined}
        onReset={() => replaceCode(unit.starter)}
      />
      <ScenarioNotes scenarios={unit.scenarios} />
      <RunResult state={state} pending={pending} runs={finished} graded={unit.graded} expectedFinal={unit.expectedFinal} onShowLine={setHighlightLine} />
      {unit.graded && <CheckResults result={checkResult} pending={checking} onShowTrace={(t, label) => setShown({ trace: t, label })} />}
      <Timeline title={shown ? `Timeline: ${shown.label}` : "Timeline"} trace={trace} onSelectLine={setHighlightLine} />
      {unit.hasSolution && <SolutionPanel slug={unit.slug} onUse={replaceCode} />}
    </div>
  );
}

const subscribeNothing = () => () => undefined;

/**
 * The code before Monaco has loaded: the server renders the starter (so hydration matches), the
 * browser then shows the learner's saved code, and a reset or the test hook may replace it.
 */
function usePreEditorCode(unit: WorkbenchUnit) {
  const hydrated = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const saved = useSyncExternalStore(subscribeNothing, () => loadSavedCode(unit.slug), () => null);
  const [draft, setDraftState] = useState<string | null>(null);
  const code = draft ?? saved ?? unit.starter;
  const codeRef = useRef(code);
  useEffect(() => {
    codeRef.current = code;
  });
  const setDraft = useCallback(
    (next: string) => {
      codeRef.current = next;
      setDraftState(next);
      saveCode(unit.slug, next);
    },
    [unit.slug],
  );
  return { code, codeRef, hydrated, setDraft };
}
