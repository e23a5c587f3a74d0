import { clsx } from "clsx";
import type { UnitKind } from "@/lib/lessons/types";

const STYLES: Record<UnitKind, string> = {
  lesson: "bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-200",
  practice: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  exercise: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
};

const LABELS: Record<UnitKind, string> = { lesson: "Lesson", practice: "Practice", exercise: "Exercise" };

export function KindBadge({ kind }: { kind: UnitKind }) {
  return (
    <span className={clsx("rounded-full px-2 py-0.5 text-xs font-semibold uppercase tracking-wide", STYLES[kind])}>
      {LABELS[kind]}
    </span>
  );
}
