"use client";
import dynamic from "next/dynamic";
import { EditorLoading } from "./editor-loading";
import type { MonacoEditorProps } from "./monaco-editor";

/**
 * Monaco needs `window` and is large, so it loads only in the browser and after the page.
 * Only a type comes from monaco-editor.tsx here, so none of it lands in the page's first
 * chunk; @monaco-editor/react then fetches Monaco itself from /monaco/vs.
 */
const LazyMonaco = dynamic(() => import("./monaco-editor"), { ssr: false, loading: () => <EditorLoading /> });

export function CodeEditor(props: MonacoEditorProps) {
  return <LazyMonaco {...props} />;
}
