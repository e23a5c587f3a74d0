"use client";
import { CheckCircle2, Circle, PlayCircle } from "lucide-react";
import { useSyncExternalStore } from "react";
import { getProgressSnapshot, subscribeProgress } from "./progress-store";

const LABELS = {
  none: "Not started",
  run: "Run, not passed yet",
  passed: "Passed",
} as const;

/** Progress lives in localStorage, so the server renders "Not started" and the client corrects it. */
export function ProgressBadge({ slug }: { slug: string }) {
  const state = useSyncExternalStore(
    subscribeProgress,
    () => getProgressSnapshot(slug),
    () => "none",
  ) as keyof typeof LABELS;
  const Icon = state === "passed" ? CheckCircle2 : state === "run" ? PlayCircle : Circle;
  return (
    <span
      data-testid={`progress-${slug}`}
      data-state={state}
      className={
        state === "passed"
          ? "inline-flex items-center gap-1 text-sm font-medium text-green-800 dark:text-green-300"
          : "inline-flex items-center gap-1 text-sm text-slate-700 dark:text-slate-300"
      }
    >
      <Icon aria-hidden className="size-4" />
      {LABELS[state]}
    </span>
  );
}
