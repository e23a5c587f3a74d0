import "./monaco-env";
import * as monaco from "monaco-editor/editor/editor.api.js";
import "./monaco-features";
import "./typescript-language";
import { CODE_THEME } from "@/components/code-view/code-theme";

/**
 * Everything the editor needs before its first frame: the editor API, the features a learner
 * uses and TypeScript's colouring. The language service comes later (typescript-service.ts).
 */
export { monaco };

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
