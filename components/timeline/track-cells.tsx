import { clsx } from "clsx";
import { BookOpen, Pencil } from "lucide-react";
import { formatValue, type ValuePoint } from "@/lib/trace";
import type { RowContext } from "./row-context";

/** The watched keys' columns for one row: the value read or written here, else a thin rail. */
export function TrackCells({ ctx, seqs }: { ctx: RowContext; seqs: number[] }) {
  return ctx.tracks.map((t, i) => {
    let point: ValuePoint | undefined;
    for (const s of seqs) point = ctx.pointAt[i]?.get(s) ?? point;
    const Icon = point?.source === "read" ? BookOpen : Pencil;
    return (
      <div key={t.key} className="flex min-w-0 items-center justify-center border-l border-slate-200 px-1 dark:border-slate-700">
        {point ? (
          <span
            className={clsx(
              "flex min-w-0 items-center gap-1 rounded-sm px-1 font-mono text-xs",
              point.source === "write" ? "bg-indigo-100 text-indigo-950 dark:bg-indigo-900 dark:text-indigo-50" : "text-slate-700 dark:text-slate-300",
            )}
            title={`${t.key} ${point.source === "read" ? "read by" : "changed by"} ${point.client}: ${point.value === undefined ? "new value unknown" : formatValue(point.value, 200)}`}
          >
            <Icon aria-hidden="true" className="size-3 shrink-0" />
            <span className="truncate">{point.value === undefined ? "changed" : formatValue(point.value, 12)}</span>
          </span>
        ) : (
          <span aria-hidden="true" className="h-full w-px bg-slate-200 dark:bg-slate-700" />
        )}
      </div>
    );
  });
}
