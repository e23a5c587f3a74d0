"use client";
import { useEffect, useLayoutEffect, useRef } from "react";
import { isTyping, matchShortcut, type ShortcutId } from "./shortcuts";

/**
 * Binds unit-page shortcuts for the whole window. The listener runs in the capture phase, before
 * the editor sees the key: Monaco binds Ctrl+Shift+Enter (insert line above) itself, and Ctrl+S
 * would open the browser's save dialog, so a matched key is ours and goes no further.
 */
export function useShortcuts(handlers: Partial<Record<ShortcutId, () => void>>): void {
  const ref = useRef(handlers);
  useLayoutEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || e.isComposing) return;
      const id = matchShortcut(e, isTyping(e.target));
      const run = id ? ref.current[id] : undefined;
      if (!run) return;
      e.preventDefault();
      e.stopPropagation();
      run();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);
}
