"use client";
import { useEffect, useLayoutEffect, useRef } from "react";

/** Inputs nobody types into: a shortcut pressed right after ticking a box still works. */
const NOT_TYPED: ReadonlySet<string> = new Set(["checkbox", "radio", "button", "submit", "reset"]);

/** Single-letter shortcuts for the whole page; ignored while typing or with a modifier held. */
export function useHotkeys(map: Record<string, () => void>): void {
  const ref = useRef(map);
  useLayoutEffect(() => {
    ref.current = map;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      if (t && (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) || (t instanceof HTMLInputElement && !NOT_TYPED.has(t.type)))) return;
      const run = ref.current[e.key.toLowerCase()];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
