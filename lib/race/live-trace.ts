/**
 * A live run's events arrive one by one over SSE (commands when their reply came back, so not
 * always in seq order); this folds them into a Trace the timeline can render. The stream carries
 * no client list, so clients are inferred until the stored result brings the real ones.
 */
import { clientOrder } from "./stats";
import type { Trace, TraceClient, TraceEvent, TraceValue } from "../trace";

export const emptyTrace = (): Trace => ({ version: 1, clients: [], events: [], truncated: false });

/**
 * The interference text starts with the plan client's id: "B sends INCRBY balance:1 7 (...)", or
 * step mode's opening note "A is the other client: ..." (its letter is fixed before it writes).
 */
const PLAN_SENDS = /^([A-Z]\d*) (?:sends |is the other client)/;

export function inferClients(events: readonly TraceEvent[], known: readonly TraceClient[] = []): TraceClient[] {
  const out = new Map(known.map((c) => [c.id, c]));
  const plan = new Set<string>();
  for (const e of events) {
    if (e.kind === "interference") {
      const m = PLAN_SENDS.exec(e.text);
      if (m) plan.add(m[1]!);
    }
  }
  // Named before it sends anything (step mode): a lane from the start.
  for (const id of plan) if (!out.has(id)) out.set(id, { id, label: "other client", origin: "plan" });
  for (const e of events) {
    if ((e.kind !== "command" && e.kind !== "pause") || out.has(e.client)) continue;
    const isPlan = plan.has(e.client);
    out.set(e.client, { id: e.client, label: isPlan ? "other client" : `connection ${e.client}`, origin: isPlan ? "plan" : "program" });
  }
  return [...out.values()].sort((a, b) => clientOrder(a.id) - clientOrder(b.id));
}

/** A new Trace with `incoming` merged in seq order (duplicates from a resumed stream dropped). */
export function appendEvents(trace: Trace, incoming: readonly TraceEvent[], clients?: readonly TraceClient[]): Trace {
  if (incoming.length === 0 && !clients) return trace;
  const seen = new Set(trace.events.map((e) => e.seq));
  const fresh = incoming.filter((e) => !seen.has(e.seq) && (seen.add(e.seq), true));
  const events = [...trace.events, ...fresh];
  // Usually already ordered; sort only when a late reply arrived.
  if (events.some((e, i) => i > 0 && e.seq < events[i - 1]!.seq)) events.sort((a, b) => a.seq - b.seq);
  const base = clients ?? trace.clients.filter((c) => c.label !== `connection ${c.id}` && c.label !== "other client");
  return { version: 1, clients: inferClients(events, base), events, truncated: trace.truncated };
}

export type RunPhase =
  | { kind: "waiting" }
  | { kind: "paused"; client: string; name: string; args: TraceValue[]; line: number | null }
  | { kind: "running" }
  | { kind: "ended"; status: string; message?: string };

/** Where a run stands: paused before a command (not yet sent), running, or ended. */
export function runPhase(trace: Trace): RunPhase {
  const ev = trace.events;
  const last = ev.at(-1);
  if (!last) return { kind: "waiting" };
  if (last.kind === "end") return { kind: "ended", status: last.status, ...(last.message ? { message: last.message } : {}) };
  for (let i = ev.length - 1; i >= 0; i--) {
    const e = ev[i]!;
    if (e.kind === "pause") return { kind: "paused", client: e.client, name: e.name, args: e.args, line: e.line };
    // The stepped command was sent: it gets a seq after its pause.
    if (e.kind === "command" && isProgram(trace, e.client)) return { kind: "running" };
  }
  return { kind: "running" };
}

const isProgram = (trace: Trace, id: string) => trace.clients.find((c) => c.id === id)?.origin !== "plan";
