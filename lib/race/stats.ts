/**
 * Crowd figures from a trace: attempts per client and attempts per successful transaction.
 * Pure, isomorphic: the race page, the contention route and the bench all count the same way.
 */
import { attempts, isWriteCommand, type Trace } from "../trace";

export interface ClientAttempts {
  client: string;
  /** WATCH..EXEC spans; for an atomic client (no transaction) each plain write counts once. */
  attempts: number;
  commits: number;
}

export interface CrowdStats {
  /** Program clients that did something, in lane order. */
  clients: ClientAttempts[];
  totalAttempts: number;
  commits: number;
  /** totalAttempts / commits; 0 when nothing committed. */
  attemptsPerCommit: number;
  maxAttempts: number;
}

/** "A" -> 0, "Z" -> 25, "A1" -> 26: the recorder's creation order. */
export function clientOrder(id: string): number {
  const letter = id.charCodeAt(0) - 65;
  const suffix = Number(id.slice(1) || 0);
  return suffix * 26 + letter;
}

export function crowdStats(trace: Trace): CrowdStats {
  const plan = new Set(trace.clients.filter((c) => c.origin === "plan").map((c) => c.id));
  const by = new Map<string, ClientAttempts>();
  const entry = (client: string) => {
    let e = by.get(client);
    if (!e) by.set(client, (e = { client, attempts: 0, commits: 0 }));
    return e;
  };
  const inTx = new Set<string>();
  for (const a of attempts(trace)) {
    if (plan.has(a.client)) continue;
    inTx.add(a.client);
    const e = entry(a.client);
    e.attempts++;
    if (a.outcome === "committed") e.commits++;
  }
  for (const ev of trace.events) {
    if (ev.kind !== "command" || plan.has(ev.client) || inTx.has(ev.client)) continue;
    if (!ev.queued && ev.error === undefined && isWriteCommand(ev.name)) {
      const e = entry(ev.client);
      e.attempts++;
      e.commits++;
    }
  }
  const clients = [...by.values()].sort((a, b) => clientOrder(a.client) - clientOrder(b.client));
  const totalAttempts = clients.reduce((s, c) => s + c.attempts, 0);
  const commits = clients.reduce((s, c) => s + c.commits, 0);
  return {
    clients,
    totalAttempts,
    commits,
    attemptsPerCommit: commits === 0 ? 0 : Math.round((totalAttempts / commits) * 100) / 100,
    maxAttempts: clients.reduce((m, c) => Math.max(m, c.attempts), 0),
  };
}

/** One point of the contention chart: a crowd run of `clients` reduced to its figures. */
export interface Measurement {
  clients: number;
  atomic: boolean;
  attemptsPerCommit: number;
  maxAttempts: number;
  totalAttempts: number;
  commits: number;
  final: string | null;
  expected: number;
  exact: boolean;
  /** Program time inside the engine, ms. */
  ms: number;
  commands: number;
}
