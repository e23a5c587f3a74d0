import type { editor } from "monaco-editor/editor/editor.api.js";

/**
 * Scrolls the page (not the editor) so `line` of the editor is on screen. Needed where the
 * workbench is stacked (narrow screens): a chip picked on the timeline far below the editor
 * would otherwise highlight a line nobody sees. A no-op where the editor is in view already.
 * Call it after the editor itself has revealed the line.
 */
export function revealLineInWindow(ed: editor.IStandaloneCodeEditor, line: number, lineHeight: number): void {
  const node = ed.getDomNode();
  if (!node) return;
  const top = node.getBoundingClientRect().top + ed.getTopForLineNumber(line) - ed.getScrollTop();
  if (top >= 0 && top + lineHeight <= window.innerHeight) return;
  const reduce = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? true;
  // A third from the top: the line and a few lines of context below it.
  window.scrollBy({ top: top - window.innerHeight / 3, behavior: reduce ? "auto" : "smooth" });
}
