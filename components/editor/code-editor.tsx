"use client";
import { useEffect, useRef, useState, type ComponentType, type KeyboardEvent } from "react";
import { CodeView } from "@/components/code-view/code-view";
import type { EditorApi } from "./editor-api";
import type { MonacoEditorProps } from "./monaco-editor";

/**
 * Monaco needs `window` and is large, so it loads only in the browser. Only a type comes from
 * monaco-editor.tsx here, so none of it lands in the page's first chunk.
 */
const importEditor = () => import("./monaco-editor");

// Start fetching the editor as soon as this chunk runs instead of after hydration. (Asking for it
// before hydration, from instrumentation-client, was tried: its evaluation then landed inside
// hydration, and Run became usable ~1 s later for no earlier editor.)
if (typeof window !== "undefined") performance.mark("editor:import");
const editorModule = typeof window !== "undefined" ? importEditor() : null;

type CodeEditorProps = Omit<MonacoEditorProps, "initialCode"> & {
  /** The code shown until Monaco takes over (and handed to it then). */
  code: string;
  /** The learner typed into the code view before Monaco took over. */
  onDraft(code: string): void;
};

/**
 * The server-rendered code view first (readable and typeable at first paint; once hydrated,
 * Ctrl/Cmd+Enter runs it), then Monaco in the same box once it has drawn, in the same font and
 * layout. If Monaco cannot load, the view stays (and Run keeps working) with a note saying so.
 */
export function CodeEditor({ code, onReady, onDraft, ...props }: CodeEditorProps) {
  const [Monaco, setMonaco] = useState<ComponentType<MonacoEditorProps> | null>(null);
  const [failed, setFailed] = useState(false);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let live = true;
    (editorModule ?? importEditor()).then(
      (m) => {
        performance.mark("editor:loaded");
        if (live) setMonaco(() => m.default);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  const runKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      props.onRun();
    }
  };
  // What moves the learner's focus into Monaco; run after the commit that shows it, since a
  // still hidden editor cannot take the focus.
  const handoff = useRef<(() => void) | null>(null);
  const handleReady = (api: EditorApi) => {
    // Keep the learner's place: focus, and the caret or selection, move from the view into Monaco.
    const active = document.activeElement;
    if (active?.closest('[data-testid="code-view"]')) {
      const caret = active instanceof HTMLTextAreaElement ? ([active.selectionStart, active.selectionEnd] as const) : null;
      handoff.current = () => {
        if (caret) api.select(caret[0], caret[1]);
        api.focus();
      };
    }
    setReady(true);
    onReady(api);
  };
  useEffect(() => {
    if (!ready) return;
    handoff.current?.();
    handoff.current = null;
  }, [ready]);
  return (
    <div className="relative h-full">
      {!ready && <CodeView code={code} label={props.label} onKeyDown={runKey} onEdit={onDraft} />}
      {Monaco && <Monaco {...props} initialCode={code} onReady={handleReady} />}
      {failed && (
        <p role="status" className="absolute right-2 bottom-2 rounded bg-amber-100 px-2 py-1 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100">
          The editor could not load. Reload the page to edit; Run still works with the code shown.
        </p>
      )}
    </div>
  );
}
