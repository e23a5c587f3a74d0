"use client";
import dynamic from "next/dynamic";
import { EditorLoading } from "./editor-loading";
import type { MonacoEditorProps } from "./monaco-editor";

/**
 * Monaco needs `window` and is large, so it loads only in the browser. Only a type comes from
 * monaco-editor.tsx here, so none of it lands in the page's first chunk.
 */
const importEditor = () => import("./monaco-editor");
const LazyMonaco = dynamic(importEditor, { ssr: false, loading: () => <EditorLoading /> });

// Start fetching the editor (and, through monaco-setup, Monaco itself) as soon as this chunk
// runs instead of after hydration: the downloads overlap React's work.
if (typeof window !== "undefined") void importEditor();

export function CodeEditor(props: MonacoEditorProps) {
  return <LazyMonaco {...props} />;
}
