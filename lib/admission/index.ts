/**
 * Admission for this instance: per-client shares (ClientBudgets) and the gate in front of the
 * worker pool (AdmissionGate), sized from capacity.ts. Kept on globalThis so Next.js dev
 * reloads share one count. Used by lib/runner/host/run-program.ts (every run) and the grader (a Check).
 */
import { HELD_RUNS_PER_WORKER, RUNS_PER_WORKER, workerCount } from "./capacity";
import type { PlaygroundError } from "../errors";
import { CLIENT_BOUNDS, ClientBudgets, type ClientBounds } from "./client-budget";
import { AdmissionGate, type GateOptions } from "./gate";

import { rateLimited } from "../errors";

export { BUSY, STARVED } from "../errors";
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

/** What an operator watches on this instance (GET /api/health): the pool's slots and its queue. */
export interface AdmissionLoad {
  /** Runs in the worker pool now, of `slots`. */
  running: number;
  slots: number;
  /** Runs waiting for a slot now (a Check's runs count one by one). */
  waiting: number;
  /** Runs answered "busy" since the instance started: when this climbs, add instances. */
  refusedBusy: number;
}

export function admissionLoad(): AdmissionLoad {
  const { gate } = admission();
  return { running: gate.running, slots: gate.slots, waiting: gate.waiting, refusedBusy: gate.refused };
}

/**
 * A fresh gate (and fresh client counts) with other sizes - for tests and benchmarks that need
 * a small queue or a different number of slots. Call it while no run is in flight.
 */
export function configureAdmission(opts: Partial<GateOptions>, clients: Partial<ClientBounds> = {}): void {
  const a = admission();
  a.gate = new AdmissionGate({ slots: workerCount() * RUNS_PER_WORKER, queueCapacity: QUEUE_CAPACITY, maxWaitMs: MAX_QUEUE_WAIT_MS, ...opts });
  a.budgets = new ClientBudgets({ ...CLIENT_BOUNDS, ...clients });
}

/**
 * A client's unit in flight - a Run, or a whole Check - ended with `release` (once).
 * `cpuGrantMs`: the CPU limit each of its runs gets (less than the default only when the
 * client's recent runs have used up most of its share).
 */
export interface ClientTurn {
  client: string;
  cpuGrantMs: number;
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
export async function enterClient(client: string, runs = 1): Promise<{ ok: true; turn: ClientTurn } | { ok: false; error: PlaygroundError<"rate_limited"> }> {
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
    budgets.leave(client, entry.cpuGrantMs);
  };
  return { ok: true, turn: { client, cpuGrantMs: entry.cpuGrantMs, release } };
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
