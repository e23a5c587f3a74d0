import { CircleCheck, CircleX, RotateCcw, TriangleRight } from "lucide-react";
import type { Attempt } from "@/lib/trace";

/** One line over the lanes: how many attempts, WatchErrors and retries, per client. */
export function Summary({ attempts }: { attempts: Attempt[] }) {
  const aborted = attempts.filter((a) => a.outcome === "aborted").length;
  const committed = attempts.filter((a) => a.outcome === "committed").length;
  const retried = attempts.filter((a) => a.retry).length;
  if (attempts.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No transaction in this run (no WATCH or MULTI).</p>;
  const item = "flex items-center gap-1";
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <span className={item}>
        <TriangleRight aria-hidden="true" className="size-4" />
        {attempts.length} {attempts.length === 1 ? "attempt" : "attempts"}
      </span>
      <span className={item}>
        <CircleCheck aria-hidden="true" className="size-4 text-emerald-700 dark:text-emerald-400" />
        {committed} committed
      </span>
      <span className={item}>
        <CircleX aria-hidden="true" className="size-4 text-rose-700 dark:text-rose-400" />
        {aborted} {aborted === 1 ? "WatchError" : "WatchErrors"}
      </span>
      <span className={item}>
        <RotateCcw aria-hidden="true" className="size-4" />
        {retried} {retried === 1 ? "retry" : "retries"}
      </span>
    </p>
  );
}
