/**
 * How much the worker pool carries at once - one home for the numbers the pool (piscina), each
 * worker's sandbox stock and the host's admission gate must agree on.
 *
 * Every run in flight needs its own sandbox, and building one costs 10-50 ms of the worker's
 * thread. So a worker runs at most RUNS_PER_WORKER runs at a time and keeps that many sandboxes
 * built; the admission gate (lib/admission) never lets more runs into the pool, and the rest
 * wait in its fair queue instead of all starting at once and sharing the CPU with sandbox builds.
 */
import { availableParallelism } from "node:os";

/**
 * Runs one worker interleaves. Runs mostly wait on Redis, so a few per thread keep it busy; more
 * only add sandboxes (memory) and make every run wait for the others' turns on the thread.
 */
export const RUNS_PER_WORKER = 8;

/**
 * Runs that wait on a person (race-lab step mode) take no admission slot - they hold no CPU -
 * but they hold a task and a sandbox in a worker: this much room per worker is kept for them.
 * The race lab bounds them per instance (RACE_MAX_RUNS, 6 by default).
 */
export const HELD_RUNS_PER_WORKER = 4;

/**
 * Sandbox CPU a run may use by default, ms - how long one run can hold its worker's thread, and
 * every run sharing it. Lesson programs and grader fixtures use 1-30 ms of sandbox CPU (measured
 * on a loaded 2-core machine; the slowest fixture, a retry loop that never re-reads, reaches the
 * command limit in ~120 ms there). The run's limits (lib/runner/limits) and the per-client CPU
 * grants (client-budget.ts) both start from it.
 */
export const RUN_CPU_MS = 250;

/** Sandbox worker threads: PLAYGROUND_WORKERS, else one per core, at most 4. */
export function workerCount(): number {
  return Number(process.env.PLAYGROUND_WORKERS) || Math.max(1, Math.min(4, availableParallelism()));
}
