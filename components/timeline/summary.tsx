import { CircleCheck, CircleX, RotateCcw, TriangleRight } from "lucide-react";
import type { Attempt, Trace } from "@/lib/trace";

/** A command the run is paused before (step mode, the explorer): not sent yet. */
export interface PendingCommand {
  client: string;
  name: string;
}

const STARTS_TRANSACTION = new Set(["WATCH", "MULTI"]);

/** One line over the lanes: how many attempts, WatchErrors and retries, per client. */
export function Summary({ attempts, pending }: { attempts: Attempt[]; pending?: PendingCommand | null }) {
  const aborted = attempts.filter((a) => a.outcome === "aborted").length;
  const committed = attempts.filter((a) => a.outcome === "committed").length;
  const retried = attempts.filter((a) => a.retry).length;
  if (attempts.length === 0) {
    // Paused before a WATCH is not "no transaction": one is about to start.
    const text = pending
      ? STARTS_TRANSACTION.has(pending.name)
        ? `No transaction yet: ${pending.client}'s ${pending.name} is next.`
        : "No transaction yet."
      : "No transaction in this run (no WATCH or MULTI).";
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="timeline-summary">
        {text}
      </p>
    );
  }
  const item = "flex items-center gap-1";
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="timeline-summary">
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

/** The command a paused run waits to send: its last pause, unless that command went out since. */
export function pendingCommand(trace: Trace): PendingCommand | null {
  const ev = trace.events;
  for (let i = ev.length - 1; i >= 0; i--) {
    const e = ev[i]!;
    if (e.kind === "end") return null;
    if (e.kind !== "pause") continue;
    return ev.slice(i + 1).some((x) => x.kind === "command" && x.client === e.client) ? null : e;
  }
  return null;
}
