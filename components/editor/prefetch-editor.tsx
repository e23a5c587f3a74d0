"use client";
import { useEffect } from "react";

/**
 * On the course page: loads the editor's code while the learner picks a unit, so the unit page
 * (a client-side navigation) finds Monaco already in memory.
 */
export function PrefetchEditor() {
  useEffect(() => {
    const id = requestIdleCallback(() => void import("./monaco-editor"), { timeout: 3000 });
    return () => cancelIdleCallback(id);
  }, []);
  return null;
}
