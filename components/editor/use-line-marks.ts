"use client";
import type { MonacoApi as Monaco } from "./editor-api";
import type { editor } from "monaco-editor/editor/editor.api.js";
import { useEffect, useRef } from "react";
import { CODE_THEME } from "@/components/code-view/code-theme";
import type { EditorRunError } from "./editor-api";
import { revealLineInWindow } from "./reveal-in-window";

export const RUN_MARKER_OWNER = "run";

/**
 * Pins the last run's error on its line (a marker with the message plus a tinted line) and
 * highlights the line the timeline points at (scrolling the page to it if it is off screen).
 */
export function useLineMarks(
  ed: editor.IStandaloneCodeEditor | null,
  monaco: Monaco | null,
  runError: EditorRunError | null,
  highlightLine: number | null,
): void {
  useEffect(() => {
    const model = ed?.getModel();
    if (!ed || !monaco || !model) return;
    if (!runError) {
      monaco.editor.setModelMarkers(model, RUN_MARKER_OWNER, []);
      return;
    }
    const line = Math.min(Math.max(runError.line, 1), model.getLineCount());
    const startColumn = runError.column ?? model.getLineFirstNonWhitespaceColumn(line) ?? 1;
    monaco.editor.setModelMarkers(model, RUN_MARKER_OWNER, [
      {
        severity: monaco.MarkerSeverity.Error,
        message: runError.message,
        startLineNumber: line,
        startColumn: Math.max(startColumn, 1),
        endLineNumber: line,
        endColumn: model.getLineMaxColumn(line),
      },
    ]);
    const marks = ed.createDecorationsCollection([
      { range: new monaco.Range(line, 1, line, 1), options: { isWholeLine: true, className: "editor-error-line" } },
    ]);
    ed.revealLineInCenterIfOutsideViewport(line);
    return () => marks.clear();
  }, [ed, monaco, runError]);

  // The editor a highlight was last shown in: a line already picked when the editor arrives
  // (e.g. a ?step=N link) is revealed inside it, without moving the page under the learner.
  const lastEd = useRef<editor.IStandaloneCodeEditor | null>(null);
  useEffect(() => {
    const arrived = lastEd.current !== ed;
    lastEd.current = ed;
    if (!ed || !monaco || highlightLine === null) return;
    const marks = ed.createDecorationsCollection([
      {
        range: new monaco.Range(highlightLine, 1, highlightLine, 1),
        options: { isWholeLine: true, className: "editor-line-highlight" },
      },
    ]);
    ed.revealLineInCenterIfOutsideViewport(highlightLine);
    if (!arrived) revealLineInWindow(ed, highlightLine, CODE_THEME.lineHeight);
    return () => marks.clear();
  }, [ed, monaco, highlightLine]);
}
