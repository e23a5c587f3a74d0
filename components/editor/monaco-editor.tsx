"use client";
import Editor from "@monaco-editor/react";
import type { editor } from "monaco-editor";
import { useEffect, useRef, useState } from "react";
import { useDarkTheme } from "@/components/ui/use-dark-theme";
import type { EditorApi, EditorMarker, EditorRunError, MonacoApi as Monaco } from "./editor-api";
import { EditorLoading } from "./editor-loading";
import { installEscapeThenTab } from "./leave-editor";
import { configureTypeScript, defineThemes, EDITOR_THEMES } from "./monaco-setup";
import { RUN_MARKER_OWNER, useLineMarks } from "./use-line-marks";

export interface MonacoEditorProps {
  initialCode: string;
  /** d.ts of the sandbox's `ioredis` module, passed down from a server component. */
  apiDts: string;
  label: string;
  onChange(code: string): void;
  onRun(): void;
  onReady(api: EditorApi): void;
  runError: EditorRunError | null;
  highlightLine: number | null;
  /** A click on a line (text or line number): the workbench shows that line's commands. */
  onLineClick?(line: number): void;
}

const SEVERITY: Record<number, EditorMarker["severity"]> = { 8: "error", 4: "warning", 2: "info", 1: "hint" };

export default function MonacoEditor(props: MonacoEditorProps) {
  const { initialCode, apiDts, label, runError, highlightLine } = props;
  const dark = useDarkTheme();
  const [ed, setEd] = useState<editor.IStandaloneCodeEditor | null>(null);
  const [monaco, setMonaco] = useState<Monaco | null>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  // Monaco keeps the callbacks it was mounted with; refs let them see the latest props.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useLineMarks(ed, monaco, runError, highlightLine);

  function handleMount(instance: editor.IStandaloneCodeEditor, m: Monaco) {
    setEd(instance);
    setMonaco(m);
    instance.addCommand(m.KeyMod.CtrlCmd | m.KeyCode.Enter, () => latest.current.onRun());
    if (containerRef.current) installEscapeThenTab(instance, m, containerRef.current);
    instance.onMouseUp((e) => {
      const line = e.target.position?.lineNumber;
      if (line) latest.current.onLineClick?.(line);
    });
    instance.onDidChangeModelContent(() => {
      const model = instance.getModel();
      // A run error points at a line of the old text; once edited it would mislead.
      if (model) m.editor.setModelMarkers(model, RUN_MARKER_OWNER, []);
      latest.current.onChange(instance.getValue());
    });
    latest.current.onReady({
      getCode: () => instance.getValue(),
      setCode: (code) => {
        const model = instance.getModel();
        if (!model) return;
        instance.pushUndoStop();
        instance.executeEdits("playground", [{ range: model.getFullModelRange(), text: code }]);
        instance.pushUndoStop();
      },
      getMarkers: () => {
        const model = instance.getModel();
        if (!model) return [];
        return m.editor.getModelMarkers({ resource: model.uri }).map((mk) => ({
          line: mk.startLineNumber,
          column: mk.startColumn,
          message: mk.message,
          owner: mk.owner,
          severity: SEVERITY[mk.severity] ?? "error",
        }));
      },
      focus: () => instance.focus(),
    });
  }

  return (
    <div ref={containerRef} className="h-full" data-testid="code-editor">
      <Editor
        path="file:///playground.ts"
        defaultLanguage="typescript"
        defaultValue={initialCode}
        theme={dark ? EDITOR_THEMES.dark : EDITOR_THEMES.light}
        beforeMount={(m) => {
          defineThemes(m);
          configureTypeScript(m, apiDts);
        }}
        onMount={handleMount}
        loading={<EditorLoading />}
        options={{
          ariaLabel: label,
          minimap: { enabled: false },
          fontSize: 14,
          tabSize: 2,
          scrollBeyondLastLine: false,
          automaticLayout: true,
          fixedOverflowWidgets: true,
          renderLineHighlight: "line",
          padding: { top: 8 },
        }}
      />
    </div>
  );
}

