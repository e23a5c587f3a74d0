import type { KeyboardEvent } from "react";

interface KeyActions {
  step: number | null;
  total: number;
  goTo: (step: number | null) => void;
  clearSelection: () => void;
  toggleReplay: () => void;
}

/**
 * The timeline's keys: arrows step, Home/End jump, Escape goes back to the whole run (or drops
 * the selection), Space plays or pauses the replay. Ignored while typing or with a modifier.
 */
export function timelineKeyHandler({ step, total, goTo, clearSelection, toggleReplay }: KeyActions) {
  return (e: KeyboardEvent<HTMLElement>) => {
    const t = e.target as HTMLElement;
    if (e.altKey || e.ctrlKey || e.metaKey || t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
    const moves: Record<string, () => void> = {
      ArrowRight: () => goTo(step === null ? 1 : step + 1),
      ArrowLeft: () => goTo(step === null ? total : step - 1),
      Home: () => goTo(1),
      End: () => goTo(total),
      Escape: () => (step !== null ? goTo(null) : clearSelection()),
      " ": toggleReplay,
    };
    const move = moves[e.key];
    // Space on a button presses it; on the lanes it plays or pauses the replay.
    if (!move || total === 0 || (e.key === " " && t.tagName === "BUTTON")) return;
    e.preventDefault();
    move();
  };
}
