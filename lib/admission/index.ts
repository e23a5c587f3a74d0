/**
 * Admission for this instance: per-client shares (ClientBudgets) and the gate in front of the
 * worker pool (AdmissionGate), sized from lib/runner/capacity. Kept on globalThis so Next.js dev
 * reloads share one count. Used by lib/runner/index.ts (every run) and the grader (a Check).
 */
import { HELD_RUNS_PER_WORKER, RUNS_PER_WORKER, workerCount } from "../runner/host/capacity";
import type { RunErrorInfo } from "../runner/types";
import { ClientBudgets } from "./client-budget";
import { AdmissionGate, type GateOptions } from "./gate";
import { rateLimited } from "./messages";

export { BUSY, STARVED } from "../runner/service-errors";
export { CLIENT_BOUNDS } from "./client-budget";

/** Longest a run waits for a slot before it is told the playground is busy. */
export const MAX_QUEUE_WAIT_MS = 5_000;
/** Runs waiting at most: ~5 s of work at the pool's pace here, a few KB each. */
export const QUEUE_CAPACITY = 1024;

/** The fair-queue lane of runs that name no client (CLI, benchmarks, race lab, tests). */
export const LOCAL_CLIENT = "local";

interface Admission {
  gate: AdmissionGate;
  budgets: ClientBudgets;
  held: number;
}

const g = globalThis as unknown as { __playgroundAdmission?: Admission };

export function admission(): Admission {
  g.__playgroundAdmission ??= {
    gate: new AdmissionGate({ slots: workerCount() * RUNS_PER_WORKER, queueCapacity: QUEUE_CAPACITY, maxWaitMs: MAX_QUEUE_WAIT_MS }),
    budgets: new ClientBudgets(),
    held: 0,
  };
  return g.__playgroundAdmission;
}

/**
 * A fresh gate (and fresh client counts) with other sizes - for tests and benchmarks that need
 * a small queue or a different number of slots. Call it while no run is in flight.
 */
export function configureAdmission(opts: Partial<GateOptions>): void {
  const a = admission();
  a.gate = new AdmissionGate({ slots: workerCount() * RUNS_PER_WORKER, queueCapacity: QUEUE_CAPACITY, maxWaitMs: MAX_QUEUE_WAIT_MS, ...opts });
  a.budgets = new ClientBudgets();
}

/** A client's unit in flight - a Run, or a whole Check - ended with `release` (once). */
export interface ClientTurn {
  client: string;
  release: () => void;
}

/**
 * A refusal is answered after a pause of up to this long. Refusing costs the server little, but
 * a client that re-sends the moment it is refused (a script, twenty tabs) would otherwise keep
 * the web server's thread busy answering it - a cost every other learner pays. Waiting costs
 * nothing but an open request.
 */
export const REFUSAL_PAUSE_MS = 1_000;

/**
 * Starts a unit of `runs` runs for this client, or - after a pause (REFUSAL_PAUSE_MS) - the
 * rate_limited error to show instead.
 */
export async function enterClient(client: string, runs = 1): Promise<{ ok: true; turn: ClientTurn } | { ok: false; error: RunErrorInfo }> {
  const { budgets } = admission();
  const entry = budgets.enter(client, Date.now(), runs);
  if (!entry.ok) {
    const pause = Math.min(entry.retryAfterMs, REFUSAL_PAUSE_MS);
    await new Promise((r) => setTimeout(r, pause));
    return { ok: false, error: rateLimited(entry.reason, entry.retryAfterMs - pause, entry.bound) };
  }
  let done = false;
  const release = () => {
    if (done) return;
    done = true;
    budgets.leave(client);
  };
  return { ok: true, turn: { client, release } };
}

/** Charges the sandbox CPU a client's run used against its share. */
export function chargeClientCpu(client: string, cpuMs: number): void {
  admission().budgets.chargeCpu(client, Date.now(), cpuMs);
}

/**
 * A slot for a run that waits on a person (race-lab step mode): no gate slot - it holds no
 * CPU - but room in the pool, so their number is bounded too. Null when there is none.
 */
export function enterHeld(): (() => void) | null {
  const a = admission();
  if (a.held >= workerCount() * HELD_RUNS_PER_WORKER) return null;
  a.held++;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    a.held--;
  };
}
