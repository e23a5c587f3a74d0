import path from "node:path";
import Piscina from "piscina";
import { HELD_RUNS_PER_WORKER, RUNS_PER_WORKER, workerCount } from "../../admission/capacity";
import { WORKER_BUNDLE } from "../worker/task";

/**
 * The worker pool. Runs are mostly waiting on Redis, so each worker interleaves many of them;
 * one thread per core keeps a CPU-bound program from starving the web server's thread.
 * Kept on globalThis so Next.js dev reloads don't spawn a new pool each time.
 */
const g = globalThis as unknown as { __playgroundPool?: Piscina };

export function workerPool(): Piscina {
  // Called for every run: the settings are read only when the pool is made.
  if (g.__playgroundPool) return g.__playgroundPool;
  const threads = workerCount();
  g.__playgroundPool = new Piscina({
    filename: path.join(process.cwd(), WORKER_BUNDLE),
    minThreads: threads,
    maxThreads: threads,
    // The admission gate (lib/admission) lets at most RUNS_PER_WORKER runs per worker in, plus
    // the runs that wait on a person; piscina spreads them to the least busy worker.
    concurrentTasksPerWorker: RUNS_PER_WORKER + HELD_RUNS_PER_WORKER,
    // "sync" (the default) parks an idle worker in Atomics.wait, which freezes its event loop:
    // sandbox recycling, the cleanup queue's timer and late Redis replies would all wait for the
    // next task. Runs are I/O-bound, so the worker waits asynchronously instead.
    atomics: "async",
    idleTimeout: 5 * 60_000,
    // Runs wait in the admission gate's fair queue, not here: this only catches a caller that
    // bypassed it.
    maxQueue: threads * (RUNS_PER_WORKER + HELD_RUNS_PER_WORKER),
    // Runs allocate fast, so V8 would grow each worker's young generation to 32 MB of resident
    // memory; 16 MB costs nothing measurable in speed and ~30 MB less at peak across workers.
    resourceLimits: { maxYoungGenerationSizeMb: 16 },
  });
  return g.__playgroundPool;
}

export async function closeWorkerPool(): Promise<void> {
  const p = g.__playgroundPool;
  g.__playgroundPool = undefined;
  await p?.destroy();
}
