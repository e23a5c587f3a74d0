import { Keyboard } from "lucide-react";

/** Tab indents inside the editor; keyboard users need to know the way out. */
export function TabHint() {
  return (
    <p className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400" data-testid="tab-hint">
      <Keyboard aria-hidden className="size-3.5 shrink-0" />
      <span>
        Tab indents code. To leave the editor press <kbd className="font-mono">Esc</kbd> then <kbd className="font-mono">Tab</kbd>,
        or press <kbd className="font-mono">Ctrl+M</kbd> (Mac: <kbd className="font-mono">Ctrl+Shift+M</kbd>) so Tab moves focus. Run
        with <kbd className="font-mono">Ctrl+Enter</kbd>; press <kbd className="font-mono">?</kbd> outside the editor for all shortcuts.
      </span>
    </p>
  );
}
