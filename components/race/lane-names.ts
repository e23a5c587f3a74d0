/**
 * One naming of clients in the race lab: the letters are the run's own (the trace's), and each
 * lane's label says only its role, which is known from the first event on. The creation site the
 * engine records ("duplicate() on line 5") arrives with the finished result only, so showing it
 * would relabel every lane when the run ends.
 */
import type { Trace, TraceClient } from "@/lib/trace";

export const roleLabel = (c: Pick<TraceClient, "origin">): string => (c.origin === "plan" ? "other client" : "program");

/** The trace with role labels; the same object when nothing changes (keeps memoized views). */
export function withRoleLabels(trace: Trace): Trace {
  if (trace.clients.every((c) => c.label === roleLabel(c))) return trace;
  return { ...trace, clients: trace.clients.map((c) => ({ ...c, label: roleLabel(c) })) };
}

/** The other client's letter ("A" in step mode, where it is opened first), once the run names it. */
export const otherClientId = (trace: Trace): string | null => trace.clients.find((c) => c.origin === "plan")?.id ?? null;

/** "B and C" / "B, C and D": the program's lanes, for sentences. */
export function programLanes(trace: Trace): string {
  const ids = trace.clients.filter((c) => c.origin === "program").map((c) => c.id);
  if (ids.length <= 1) return ids[0] ?? "";
  return `${ids.slice(0, -1).join(", ")} and ${ids.at(-1)}`;
}
