import type { editor, IDisposable } from "monaco-editor/editor/editor.api.js";
import type { MonacoApi as Monaco } from "./editor-api";

const TABBABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Focuses the first tabbable element after (or before) the editor in document order. */
export function focusBeyond(container: HTMLElement, direction: 1 | -1): boolean {
  const outside = Array.from(document.querySelectorAll<HTMLElement>(TABBABLE)).filter(
    (el) => !container.contains(el) && el.tabIndex >= 0 && el.getClientRects().length > 0,
  );
  const wanted = direction === 1 ? Node.DOCUMENT_POSITION_FOLLOWING : Node.DOCUMENT_POSITION_PRECEDING;
  const candidates = outside.filter((el) => container.compareDocumentPosition(el) & wanted);
  const target = direction === 1 ? candidates[0] : candidates[candidates.length - 1];
  target?.focus();
  return Boolean(target);
}

/**
 * Tab inserts indentation in a code editor, which traps keyboard users. Besides Monaco's own
 * Ctrl+M (tab moves focus), "Esc then Tab" leaves the editor once without changing modes.
 */
export function installEscapeThenTab(ed: editor.IStandaloneCodeEditor, monaco: Monaco, container: HTMLElement): IDisposable {
  let armed = false;
  return ed.onKeyDown((e) => {
    if (e.keyCode === monaco.KeyCode.Escape) {
      armed = true;
      return;
    }
    const plainTab = e.keyCode === monaco.KeyCode.Tab && !e.ctrlKey && !e.altKey && !e.metaKey;
    if (armed && plainTab) {
      // The textarea's listener runs before Monaco's keybinding service on the container,
      // so stopping here keeps Monaco from inserting the tab.
      e.preventDefault();
      e.stopPropagation();
      focusBeyond(container, e.shiftKey ? -1 : 1);
    }
    armed = false;
  });
}
