// Types for the two files of monaco-editor's ESM build this app imports that ship no d.ts.
declare module "monaco-editor/languages/definitions/typescript/typescript.js" {
  import type { languages } from "monaco-editor/editor/editor.api.js";
  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage;
}

declare module "monaco-editor/languages/features/typescript/tsMode.js" {
  import type { LanguageServiceDefaults } from "monaco-editor/languages/features/typescript/register.js";
  /** Registers completions, hovers, diagnostics, ... for "typescript", backed by its web worker. */
  export function setupTypeScript(defaults: LanguageServiceDefaults): void;
}
