"use client";
import { memo, useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { CodeEditor } from "@/components/editor/code-editor";
import type { EditorApi, EditorRunError } from "@/components/editor/editor-api";
import { exposeTestHook } from "@/components/editor/test-hook";
import type { LineRequest } from "@/components/timeline/line-commands";
import { Timeline } from "@/components/timeline/timeline";
import { sharedCheckOf, sharedRunOf } from "@/lib/runs/shared-run";
import type { Trace } from "@/lib/trace";
import { CheckResults } from "./check-results";
import { loadSavedCode, saveCode } from "./code-storage";
import { takeEarlyAction } from "./early-actions";
import { RunResult } from "./run-result";
import { RunToolbar } from "./run-toolbar";
import { ScenarioNotes } from "./scenario-notes";
import { shareSignedRun } from "./share-run";
import { ShortcutsHelp } from "./shortcuts-help";
import { SolutionPanel } from "./solution-panel";
import { TabHint } from "./tab-hint";
import type { WorkbenchUnit } from "./types";
import { useCheck } from "./use-check";
import { useRun } from "./use-run";
import { useShortcuts } from "./use-shortcuts";

/**
 * Editor, Run (and Check), outcome and timeline for one unit. Keyed by slug by the page.
 * From xl up the workbench fills the viewport beside the lesson and stays there (sticky): the
 * editor on top, the outcome and the timeline side by side below it, so a chip and its line,
 * and a Run and its timeline, are on screen together. Narrower screens stack everything.
 */
export function Workbench({ unit, apiDts }: { unit: WorkbenchUnit; apiDts: string }) {
  const [api, setApi] = useState<EditorApi | null>(null);
  const apiRef = useRef<EditorApi | null>(null);
  // Until Monaco takes over, the static view shows (and Run sends) this code.
  const { code, codeRef, hydrated, setDraft } = usePreEditorCode(unit);
  const [highlightLine, setHighlightLine] = useState<number | null>(null);
  const [lineRequest, setLineRequest] = useState<LineRequest | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [saved, setSaved] = useState("");
  // A failing check's scenario, shown on the timeline instead of the last run until the next run.
  const [shown, setShown] = useState<{ trace: Trace; label: string; index: number } | null>(null);
  const { state, source: ranSource, pending, run, finished } = useRun(unit.slug, !unit.graded);
  const { result: checkResult, source: checkedSource, pending: checking, check } = useCheck(unit.slug);
  const busy = pending || checking;
  const busyRef = useRef(busy);
  useEffect(() => {
    busyRef.current = busy;
  }, [busy]);

  const currentCode = useCallback(() => (apiRef.current ? apiRef.current.getCode() : codeRef.current), [codeRef]);
  useEffect(() => {
    if (api) return exposeTestHook(api, true);
    // Until this effect reruns with the editor, a call may come after Monaco took over: it goes there.
    const setCode = (next: string) => (apiRef.current ? apiRef.current.setCode(next) : setDraft(next));
    return hydrated ? exposeTestHook({ getCode: () => apiRef.current?.getCode() ?? codeRef.current, setCode, getMarkers: () => [] }, false) : undefined;
  }, [api, hydrated, codeRef, setDraft]);

  const start = useCallback(
    (scenarioId?: string) => {
      if (busyRef.current) return;
      setHighlightLine(null);
      setShown(null);
      void run(currentCode(), scenarioId);
    },
    [currentCode, run],
  );

  const startCheck = () => {
    if (busyRef.current) return;
    setShown(null);
    void check(currentCode());
  };

  // A Run, race or Check asked for before hydration starts now, once. A layout effect: the code
  // view's (a child's, so earlier) has just handed over what the textarea holds, and nothing has
  // overwritten it yet.
  useLayoutEffect(() => {
    const action = takeEarlyAction();
    if (action?.kind === "check") startCheck();
    else if (action) start(action.scenarioId);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- at hydration only; later runs are the buttons'
  }, []);

  const replaceCode = (next: string) => {
    const editor = apiRef.current;
    if (!editor) return setDraft(next);
    editor.setCode(next);
    editor.focus();
  };

  useShortcuts({
    check: unit.graded ? startCheck : undefined,
    save: () => {
      saveCode(unit.slug, currentCode());
      setSaved(`Saved at ${new Date().toLocaleTimeString()}. Your code stays in this browser, also after a reload.`);
    },
    help: () => setHelpOpen(true),
  });

  const err = !pending ? state?.error : undefined;
  const runError: EditorRunError | null = err?.line !== undefined ? { message: err.message, line: err.line, column: err.column } : null;
  const trace = shown?.trace ?? (pending ? null : (state?.trace ?? null));

  // The run on the timeline, as the server signed it; null when it cannot be shared.
  const share = useMemo(() => {
    if (shown) {
      const token = checkResult?.shareTokens?.[shown.index];
      const test = checkResult?.tests[shown.index];
      const sharedRun = test ? sharedCheckOf(unit.slug, checkedSource, test) : null;
      return token && sharedRun ? () => shareSignedRun(sharedRun, token) : undefined;
    }
    if (pending || !state?.share) return undefined;
    const sharedRun = sharedRunOf(unit.slug, ranSource, state.scenarioId, state);
    const token = state.share;
    return sharedRun ? () => shareSignedRun(sharedRun, token) : undefined;
  }, [shown, checkResult, checkedSource, pending, state, ranSource, unit.slug]);

  // The outcome commits and paints first; the timeline (a chip per command) renders in a
  // background pass right after, so a long trace never delays the output.
  const timelineTitle = shown ? `Timeline: ${shown.label}` : "Timeline";
  const timeline = useDeferredValue(useMemo(() => ({ trace, share, title: timelineTitle }), [trace, share, timelineTitle]));

  return (
    <div className="flex flex-col gap-4 xl:sticky xl:top-4 xl:h-[calc(100dvh-6rem)] xl:min-h-[36rem]" data-testid="workbench">
      <div className="flex flex-col gap-1 xl:min-h-0 xl:flex-[0_0_36%]">
        <div className="h-[55vh] min-h-72 overflow-hidden rounded-lg border border-slate-300 xl:h-auto xl:min-h-0 xl:flex-1 dark:border-slate-700">
          <CodeEditor
            code={code}
            apiDts={apiDts}
            label={`Code editor: ${unit.title}`}
            onChange={(code) => saveCode(unit.slug, code)}
            onDraft={setDraft}
            onRun={() => start()}
            onReady={(ready) => {
              // A reset or the test hook may have changed the code in the last frame before Monaco took over.
              if (ready.getCode() !== codeRef.current) ready.setCode(codeRef.current);
              apiRef.current = ready;
              setApi(ready);
            }}
            runError={runError}
            highlightLine={highlightLine}
            onLineClick={(line) => setLineRequest((prev) => ({ line, nonce: (prev?.nonce ?? 0) + 1 }))}
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
        help={<ShortcutsHelp open={helpOpen} onOpenChange={setHelpOpen} />}
      />
      <p role="status" data-testid="save-status" className="-mt-3 text-xs text-slate-600 empty:hidden dark:text-slate-400">
        {saved}
      </p>
      <div className="grid gap-4 xl:min-h-0 xl:flex-1 xl:grid-cols-[minmax(15rem,1fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-4 xl:min-h-0 xl:overflow-y-auto xl:pr-1" data-testid="outcome-panel">
          <ScenarioNotes scenarios={unit.scenarios} />
          <RunResult state={state} pending={pending} runs={finished} graded={unit.graded} expectedFinal={unit.expectedFinal} onShowLine={setHighlightLine} />
          {unit.graded && <CheckResults result={checkResult} pending={checking} source={checkedSource} onShowTrace={(t, label, index) => setShown({ trace: t, label, index })} />}
          {unit.hasSolution && <SolutionPanel slug={unit.slug} onUse={replaceCode} />}
        </div>
        <div className="min-w-0 xl:flex xl:min-h-0 xl:flex-col" data-testid="timeline-panel">
          <DeferredTimeline title={timeline.title} trace={timeline.trace} onSelectLine={setHighlightLine} lineRequest={lineRequest} share={timeline.share} fit />
        </div>
      </div>
    </div>
  );
}

const subscribeNothing = () => () => undefined;

// Memoized so that a render for the outcome (a click on Run, its answer) skips the timeline: it
// re-renders only when its deferred props change.
const DeferredTimeline = memo(Timeline);

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
