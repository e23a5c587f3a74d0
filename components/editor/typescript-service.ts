import { ModuleKind, ModuleResolutionKind, typescriptDefaults, type ScriptTarget } from "monaco-editor/languages/features/typescript/register.js";
import { setupTypeScript } from "monaco-editor/languages/features/typescript/tsMode.js";

/**
 * The TypeScript language service (completions, hovers, type errors), loaded after the editor
 * has drawn: its code and its worker (the largest download and the most CPU) never delay the
 * moment the learner can type. Monaco would start it when the first TypeScript model is created,
 * i.e. before the first frame; importing its defaults only here keeps that from happening, so
 * this module starts the service itself.
 */
const IOREDIS_DTS_PATH = "file:///node_modules/@types/ioredis/index.d.ts";

/** TypeScript's ES2022 target; Monaco's ScriptTarget enum in its d.ts stops at ES2020. */
const ES2022 = 9 as ScriptTarget;

let started = false;

/**
 * The editor knows exactly the API the sandbox allows (one d.ts, written by the runner), so a
 * forbidden command such as redis.keys() is a type error before anything runs.
 */
export function startTypeScript(apiDts: string): void {
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
  if (started) return;
  started = true;
  setupTypeScript(typescriptDefaults);
}
