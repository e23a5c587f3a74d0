/** What the workbench (and the e2e tests, via window.__playground) may do with the editor. */
export interface EditorMarker {
  line: number;
  column: number;
  message: string;
  /** "run" for errors from the last run; "typescript" for the language service. */
  owner: string;
  severity: "error" | "warning" | "info" | "hint";
}

export interface EditorApi {
  getCode(): string;
  /** Replaces the whole text as one undoable edit. */
  setCode(code: string): void;
  getMarkers(): EditorMarker[];
  focus(): void;
  /** Selects from one character offset of the code to another (equal: puts the caret there). */
  select(start: number, end: number): void;
}

/** A run error to pin on a line of the learner's code. */
export interface EditorRunError {
  message: string;
  line: number;
  column?: number;
}

/** The Monaco namespace this app bundles (the ESM editor API, TypeScript only). */
export type MonacoApi = typeof import("monaco-editor/editor/editor.api.js");
