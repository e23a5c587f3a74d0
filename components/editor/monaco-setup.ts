import "./monaco-env";
import * as monaco from "monaco-editor/editor/editor.api.js";
// Only the TypeScript language: its Monarch colouring and its language service.
import "monaco-editor/languages/definitions/typescript/register.js";
import { ModuleKind, ModuleResolutionKind, typescriptDefaults, type ScriptTarget } from "monaco-editor/languages/features/typescript/register.js";
import { CODE_THEME } from "@/components/code-view/code-theme";

export { monaco };

export const IOREDIS_DTS_PATH = "file:///node_modules/@types/ioredis/index.d.ts";

/** TypeScript's ES2022 target; Monaco's ScriptTarget enum in its d.ts stops at ES2020. */
const ES2022 = 9 as ScriptTarget;

/**
 * The editor knows exactly the API the sandbox allows (one d.ts, written by the runner), so a
 * forbidden command such as redis.keys() is a type error before anything runs.
 */
export function configureTypeScript(apiDts: string): void {
  typescriptDefaults.setCompilerOptions({
    target: ES2022,
    module: ModuleKind.ESNext,
    moduleResolution: ModuleResolutionKind.NodeJs,
    // Top-level await needs module esnext + target >= es2017; no DOM because the sandbox has none.
    lib: ["es2022"],
    strict: true,
    esModuleInterop: true,
    allowSyntheticDefaultImports: true,
    allowNonTsExtensions: true,
    noEmit: true,
  });
  typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
  typescriptDefaults.setEagerModelSync(true);
  // setExtraLibs replaces rather than appends, so re-mounting the editor stays idempotent.
  typescriptDefaults.setExtraLibs([{ content: apiDts, filePath: IOREDIS_DTS_PATH }]);
}

export const EDITOR_THEMES = { light: "playground-light", dark: "playground-dark" } as const;

/**
 * Monaco's stock themes with the token colours of CODE_THEME, the same table the server-rendered
 * code view uses, so nothing changes colour when the editor takes over.
 */
export function defineThemes(): void {
  for (const scheme of ["light", "dark"] as const) {
    monaco.editor.defineTheme(EDITOR_THEMES[scheme], {
      base: scheme === "light" ? "vs" : "vs-dark",
      inherit: true,
      rules: Object.entries(CODE_THEME.tokens).map(([token, colors]) => ({ token, foreground: colors[scheme].slice(1) })),
      colors: { "editor.background": CODE_THEME.background[scheme], "editor.foreground": CODE_THEME.foreground[scheme] },
    });
  }
}
