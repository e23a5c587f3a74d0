import { loader } from "@monaco-editor/react";
import type { MonacoApi as Monaco } from "./editor-api";

// Monaco is served from our own origin (copied to public/monaco on install): no CDN, works offline.
loader.config({ paths: { vs: "/monaco/vs" } });
// Begin loading now; the <Editor> reuses this same load. A failure shows up in the editor.
if (typeof window !== "undefined") loader.init().catch(() => undefined);

export const IOREDIS_DTS_PATH = "file:///node_modules/@types/ioredis/index.d.ts";

/** TypeScript's ES2022 target; Monaco's ScriptTarget enum in its d.ts stops at ES2020. */
const ES2022 = 9;

/**
 * The editor knows exactly the API the sandbox allows (one d.ts, written by the runner), so a
 * forbidden command such as redis.keys() is a type error before anything runs.
 */
export function configureTypeScript(monaco: Monaco, apiDts: string): void {
  const ts = monaco.typescript;
  ts.typescriptDefaults.setCompilerOptions({
    target: ES2022 as typeof ts.ScriptTarget.ES2020,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    // Top-level await needs module esnext + target >= es2017; no DOM because the sandbox has none.
    lib: ["es2022"],
    strict: true,
    esModuleInterop: true,
    allowSyntheticDefaultImports: true,
    allowNonTsExtensions: true,
    noEmit: true,
  });
  ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
  ts.typescriptDefaults.setEagerModelSync(true);
  // setExtraLibs replaces rather than appends, so re-mounting the editor stays idempotent.
  ts.typescriptDefaults.setExtraLibs([{ content: apiDts, filePath: IOREDIS_DTS_PATH }]);
}

export const EDITOR_THEMES = { light: "playground-light", dark: "playground-dark" } as const;

/** Monaco's stock themes, except vs-dark's comment green (#608b4e, 4.2:1) fails WCAG AA contrast. */
export function defineThemes(monaco: Monaco): void {
  monaco.editor.defineTheme(EDITOR_THEMES.light, { base: "vs", inherit: true, rules: [], colors: {} });
  monaco.editor.defineTheme(EDITOR_THEMES.dark, {
    base: "vs-dark",
    inherit: true,
    rules: [{ token: "comment", foreground: "7CAF6A" }],
    colors: {},
  });
}
