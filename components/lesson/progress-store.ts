/**
 * The learner's progress, kept in this browser only (no accounts): per unit, whether it was
 * run and whether a run met the unit's expected result.
 */
export interface UnitProgress {
  run: boolean;
  passed: boolean;
}

const KEY = "rtp:progress";
const CHANGE_EVENT = "rtp:progress-change";
const NONE: UnitProgress = { run: false, passed: false };

type ProgressMap = Record<string, UnitProgress>;

function readAll(): ProgressMap {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? "{}");
    return parsed && typeof parsed === "object" ? (parsed as ProgressMap) : {};
  } catch {
    return {};
  }
}

export function getProgress(slug: string): UnitProgress {
  return readAll()[slug] ?? NONE;
}

/** Serialized so useSyncExternalStore gets a stable snapshot value. */
export function getProgressSnapshot(slug: string): string {
  const p = getProgress(slug);
  return p.passed ? "passed" : p.run ? "run" : "none";
}

export function recordRun(slug: string, passed: boolean): void {
  const all = readAll();
  const before = all[slug] ?? NONE;
  // Once passed stays passed: a later experiment should not take the tick away.
  all[slug] = { run: true, passed: before.passed || passed };
  try {
    localStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    return;
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

export function subscribeProgress(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}
