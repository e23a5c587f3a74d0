"use client";
import dynamic from "next/dynamic";
import { useState, type KeyboardEvent } from "react";
import { CodeView } from "@/components/code-view/code-view";
import type { EditorApi } from "./editor-api";
import type { MonacoEditorProps } from "./monaco-editor";

/**
 * Monaco needs `window` and is large, so it loads only in the browser. Only a type comes from
 * monaco-editor.tsx here, so none of it lands in the page's first chunk.
 */
export const importEditor = () => import("./monaco-editor");
const LazyMonaco = dynamic(importEditor, { ssr: false });

// Start fetching the editor as soon as this chunk runs instead of after hydration.
if (typeof window !== "undefined") void importEditor();

type CodeEditorProps = Omit<MonacoEditorProps, "initialCode"> & {
  /** The code shown until Monaco takes over (and handed to it then). */
  code: string;
};

/**
 * The server-rendered code view first (readable at first paint; Ctrl/Cmd+Enter runs it), then
 * Monaco in the same box once it has drawn, in the same font and layout.
 */
export function CodeEditor({ code, onReady, ...props }: CodeEditorProps) {
  const [ready, setReady] = useState(false);
  const runKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      props.onRun();
    }
  };
  const handleReady = (api: EditorApi) => {
    // Keep the learner's place: focus moves from the static view into the editor.
    const hadFocus = document.activeElement?.closest('[data-testid="code-view"]') != null;
    setReady(true);
    onReady(api);
    if (hadFocus) api.focus();
  };
  return (
    <div className="relative h-full">
      {!ready && <CodeView code={code} label={props.label} onKeyDown={runKey} />}
      <LazyMonaco {...props} initialCode={code} onReady={handleReady} />
    </div>
  );
}
