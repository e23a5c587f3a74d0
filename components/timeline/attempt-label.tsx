import { clsx } from "clsx";
import { CircleCheck, CircleDashed, CircleX, EyeOff, RotateCcw, Trash } from "lucide-react";
import { attemptTitle, type Attempt, type AttemptOutcome } from "@/lib/trace";

const ICON: Record<AttemptOutcome, typeof CircleCheck> = {
  committed: CircleCheck,
  aborted: CircleX,
  discarded: Trash,
  unwatched: EyeOff,
  open: CircleDashed,
};

/** Bracket colors per outcome; decorative - the header's words carry the outcome. */
export const BRACKET_CLASS: Record<AttemptOutcome, string> = {
  committed: "border-emerald-500 dark:border-emerald-500",
  aborted: "border-rose-500 dark:border-rose-500",
  discarded: "border-zinc-400 dark:border-zinc-500",
  unwatched: "border-zinc-400 dark:border-zinc-500",
  open: "border-slate-400 border-dashed dark:border-slate-500",
};

/**
 * "attempt 2 - committed (retry)". While stepping, the outcome of an attempt the replay has not
 * reached yet stays hidden, so the learner can predict it.
 */
export function AttemptLabel({ attempt, revealed }: { attempt: Attempt; revealed: boolean }) {
  const shown = revealed ? attempt : { ...attempt, outcome: "open" as const };
  const Icon = ICON[shown.outcome];
  const text = revealed ? attemptTitle(attempt) : `attempt ${attempt.number}${attempt.retry ? " (retry)" : ""}`;
  return (
    <div
      className={clsx(
        "flex h-full items-end gap-1 border-l-2 pl-1.5 text-xs font-semibold text-slate-700 dark:text-slate-300",
        BRACKET_CLASS[shown.outcome],
      )}
    >
      {attempt.retry && <RotateCcw aria-hidden="true" className="mb-0.5 size-3" />}
      <Icon aria-hidden="true" className="mb-0.5 size-3" />
      <span className="truncate">{text}</span>
    </div>
  );
}
