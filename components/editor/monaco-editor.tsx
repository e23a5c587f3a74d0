"use client";
import type { editor } from "monaco-editor/editor/editor.api.js";
import { useEffect, useRef, useState } from "react";
import { CODE_THEME } from "@/components/code-view/code-theme";
import { useDarkTheme } from "@/components/ui/use-dark-theme";
import type { EditorApi, EditorMarker, EditorRunError } from "./editor-api";
import { installEscapeThenTab } from "./leave-editor";
import { defineThemes, EDITOR_THEMES, monaco } from "./monaco-setup";
import { RUN_MARKER_OWNER, useLineMarks } from "./use-line-marks";

export interface MonacoEditorProps {
  /** Read once, when the editor is created: the code the static view shows at that moment. */
  initialCode: string;
  /** d.ts of the sandbox's `ioredis` module, passed down from a server component. */
  apiDts: string;
  label: string;
  onChange(code: string): void;
  onRun(): void;
  /** Called once the editor has drawn its first frame (it then covers the static view). */
  onReady(api: EditorApi): void;
  runError: EditorRunError | null;
  highlightLine: number | null;
  /** A click on a line (text or line number): the workbench shows that line's commands. */
  onLineClick?(line: number): void;
}

const SEVERITY: Record<number, EditorMarker["severity"]> = { 8: "error", 4: "warning", 2: "info", 1: "hint" };
const MODEL_URI = "file:///playground.ts";

// Font, line height, padding and gutter match the static code view (components/code-view).
const OPTIONS: editor.IStandaloneEditorConstructionOptions = {
  minimap: { enabled: false },
  fontFamily: CODE_THEME.fontFamily,
  fontSize: CODE_THEME.fontSize,
  lineHeight: CODE_THEME.lineHeight,
  lineNumbersMinChars: CODE_THEME.lineNumberChars,
  lineDecorationsWidth: CODE_THEME.gutterGapPx - 16,
  folding: true,
  glyphMargin: false,
  padding: { top: CODE_THEME.paddingTop },
  tabSize: 2,
  scrollBeyondLastLine: false,
  automaticLayout: true,
  fixedOverflowWidgets: true,
  renderLineHighlight: "line",
  renderLineHighlightOnlyWhenFocus: true,
};

export default function MonacoEditor(props: MonacoEditorProps) {
  const { runError, highlightLine } = props;
  const dark = useDarkTheme();
  const [ed, setEd] = useState<editor.IStandaloneCodeEditor | null>(null);
  const [drawn, setDrawn] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  // Monaco keeps the callbacks it was created with; the ref lets them see the latest props.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useLineMarks(ed, monaco, runError, highlightLine);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const { initialCode, label } = latest.current;
    performance.mark("editor:create");
    defineThemes();
    const uri = monaco.Uri.parse(MODEL_URI);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(initialCode, "typescript", uri);
    // The static view draws brackets in the text colour; coloured pairs would change on takeover.
    model.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } });
    const instance = monaco.editor.create(container, { ...OPTIONS, model, ariaLabel: label, theme: EDITOR_THEMES.light });
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => latest.current.onRun());
    const escape = installEscapeThenTab(instance, monaco, container);
    instance.onMouseUp((e) => {
      const line = e.target.position?.lineNumber;
      if (line) latest.current.onLineClick?.(line);
    });
    instance.onDidChangeModelContent(() => {
      // A run error points at a line of the old text; once edited it would mislead.
      monaco.editor.setModelMarkers(model, RUN_MARKER_OWNER, []);
      latest.current.onChange(instance.getValue());
    });
    const api: EditorApi = {
      getCode: () => instance.getValue(),
      setCode: (code) => {
        instance.pushUndoStop();
        instance.executeEdits("playground", [{ range: model.getFullModelRange(), text: code }]);
        instance.pushUndoStop();
      },
      getMarkers: () =>
        monaco.editor.getModelMarkers({ resource: model.uri }).map((mk) => ({
          line: mk.startLineNumber,
          column: mk.startColumn,
          message: mk.message,
          owner: mk.owner,
          severity: SEVERITY[mk.severity] ?? "error",
        })),
      focus: () => instance.focus(),
      select: (start, end) => {
        const from = model.getPositionAt(start);
        const to = model.getPositionAt(end);
        instance.setSelection(new monaco.Selection(from.lineNumber, from.column, to.lineNumber, to.column));
        instance.revealPositionInCenterIfOutsideViewport(to);
      },
    };
    let live = true;
    // Monaco draws in an animation frame; after it, the editor may cover the static view, and
    // only then may the TypeScript service (the largest download and most CPU) load and start.
    const frame = requestAnimationFrame(() => {
      // The static view's code may have changed since creation (a reset, the test hook).
      if (model.getValue() !== latest.current.initialCode) model.setValue(latest.current.initialCode);
      setEd(instance);
      setDrawn(true);
      latest.current.onReady(api);
      performance.mark("editor:ready");
      void import("./typescript-service").then((ts) => live && ts.startTypeScript(latest.current.apiDts));
    });
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      escape.dispose();
      instance.dispose();
      model.dispose();
    };
  }, []);

  useEffect(() => {
    monaco.editor.setTheme(dark ? EDITOR_THEMES.dark : EDITOR_THEMES.light);
  }, [dark]);

  return <div ref={containerRef} className={drawn ? "absolute inset-0" : "invisible absolute inset-0"} data-testid="code-editor" />;
}
