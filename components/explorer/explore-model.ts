/**
 * Reading a schedule run for the explorer: which step produced an event, which next commands
 * are an EXEC, and how a step's command reads in words. Pure; the components only render.
 */
import type { CommandEvent, ScheduleFrontierEntry, ScheduleStep, Trace } from "@/lib/trace";

/** The 1-based step that sent the event with this seq; null before the first step. */
export function stepOfSeq(steps: readonly ScheduleStep[], seq: number): number | null {
  let found: number | null = null;
  steps.forEach((s, i) => {
    if (s.seq !== null && s.seq <= seq) found = i + 1;
  });
  return found;
}

/** The lane's next step ends a transaction: EXEC alone, or a multi()...exec() batch. */
export const isExecStep = (next: Pick<ScheduleFrontierEntry, "name" | "batch">): boolean =>
  next.name === "EXEC" || (next.batch?.some((c) => c.name === "EXEC") ?? false);

const words = (c: { name: string; args: readonly string[] }) => [c.name, ...c.args].join(" ");

/** "WATCH likes:99" or "MULTI, SET likes:99 165, EXEC" for a batch. */
export function describeNext(next: Pick<ScheduleFrontierEntry, "name" | "args" | "batch">): string {
  return next.batch?.length ? next.batch.map(words).join(", ") : words(next);
}

/** The EXEC of `client` the last step sent (its seq is past `afterSeq`), if there is one. */
export function execSince(trace: Trace, client: string, afterSeq: number): CommandEvent | null {
  for (let i = trace.events.length - 1; i >= 0; i--) {
    const e = trace.events[i]!;
    if (e.seq <= afterSeq) break;
    if (e.kind === "command" && e.client === client && e.name === "EXEC") return e;
  }
  return null;
}

/** The last seq of a trace (0 when empty). */
export const lastSeq = (trace: Trace | null): number => trace?.events.at(-1)?.seq ?? 0;
