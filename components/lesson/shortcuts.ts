/**
 * The unit page's keyboard shortcuts: one table for the handlers and the help popover, so the
 * list the learner reads is the list that works. "Mod" is Ctrl, or Cmd on a Mac.
 */
export type ShortcutId = "check" | "save" | "hint" | "help";

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

interface Shortcut {
  id: ShortcutId;
  keys: { pc: string; mac: string };
  does: string;
  /** Also while typing (in the editor or a field): true for chords with Ctrl/Cmd or Alt. */
  whileTyping: boolean;
  matches: (e: KeyLike) => boolean;
}

const mod = (e: KeyLike) => e.ctrlKey || e.metaKey;

export const SHORTCUTS: readonly Shortcut[] = [
  {
    id: "check",
    keys: { pc: "Ctrl+Shift+Enter", mac: "⌘+Shift+Enter" },
    does: "Check my code (exercises)",
    whileTyping: true,
    matches: (e) => mod(e) && e.shiftKey && !e.altKey && e.key === "Enter",
  },
  {
    id: "save",
    keys: { pc: "Ctrl+S", mac: "⌘+S" },
    does: "Save your code in this browser",
    whileTyping: true,
    matches: (e) => mod(e) && !e.shiftKey && !e.altKey && e.code === "KeyS",
  },
  {
    id: "hint",
    keys: { pc: "Alt+H", mac: "Option+H" },
    does: "Show the next hint",
    whileTyping: true,
    // By code: Option+H types "˙" on a Mac, so the key itself is no help.
    matches: (e) => e.altKey && !mod(e) && !e.shiftKey && e.code === "KeyH",
  },
  {
    id: "help",
    keys: { pc: "?", mac: "?" },
    does: "Show these shortcuts (outside the editor)",
    whileTyping: false,
    matches: (e) => e.key === "?" && !mod(e) && !e.altKey,
  },
];

/** Shortcuts that belong to other parts of the page, listed in the same help. */
export const OTHER_KEYS: readonly { keys: { pc: string; mac: string }; does: string }[] = [
  { keys: { pc: "Ctrl+Enter", mac: "⌘+Enter" }, does: "Run your code (in the editor)" },
  { keys: { pc: "Esc, then Tab", mac: "Esc, then Tab" }, does: "Leave the editor" },
  { keys: { pc: "← / →", mac: "← / →" }, does: "Step through the timeline (lanes focused)" },
  { keys: { pc: "Home / End", mac: "Home / End" }, does: "First / last step" },
  { keys: { pc: "Space", mac: "Space" }, does: "Play or pause the replay (lanes focused)" },
  { keys: { pc: "Esc", mac: "Esc" }, does: "Back to the whole run" },
];

/** The shortcut a key press means, or null. `typing`: focus is in the editor or a text field. */
export function matchShortcut(e: KeyLike, typing: boolean): ShortcutId | null {
  const hit = SHORTCUTS.find((s) => s.matches(e));
  return hit && (hit.whileTyping || !typing) ? hit.id : null;
}

/**
 * Whether focus is somewhere keys type text: inputs, selects, and the editor (Monaco types into a
 * textarea, or in Chromium into a div with an EditContext, neither contentEditable).
 */
export function isTyping(target: EventTarget | null): boolean {
  const t = target as HTMLElement | null;
  if (!t || typeof t.tagName !== "string") return false;
  return t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.getAttribute("role") === "textbox" || t.closest(".monaco-editor") !== null;
}
