/**
 * `?step=N` in the address bar, so an instructor can share "step 7". replaceState (not push):
 * stepping should not flood the back button. Other query params and the hash are kept.
 */
import { useSyncExternalStore } from "react";

export function parseStep(search: string): number | null {
  const raw = new URLSearchParams(search).get("step");
  if (raw === null || !/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 ? n : null;
}

export function writeStep(step: number | null): void {
  if (typeof window === "undefined") return;
  const url = new URL(window.location.href);
  if (step === null) {
    if (!url.searchParams.has("step")) return;
    url.searchParams.delete("step");
  } else url.searchParams.set("step", String(step));
  window.history.replaceState(window.history.state, "", url);
}

const subscribe = (notify: () => void) => {
  window.addEventListener("popstate", notify);
  return () => window.removeEventListener("popstate", notify);
};

/** The step in the URL; null on the server, where there is no URL to read. */
export function useUrlStep(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => parseStep(window.location.search),
    () => null,
  );
}
