import path from "node:path";
import { availableParallelism } from "node:os";
import Piscina from "piscina";

/**
 * The worker pool. Runs are mostly waiting on Redis, so each worker interleaves many of them;
 * one thread per core keeps a CPU-bound program from starving the web server's thread.
 * Kept on globalThis so Next.js dev reloads don't spawn a new pool each time.
 */
const g = globalThis as unknown as { __playgroundPool?: Piscina };

export function workerPool(): Piscina {
  g.__playgroundPool ??= new Piscina({
    filename: path.join(process.cwd(), ".engine", "worker.mjs"),
    minThreads: Number(process.env.PLAYGROUND_WORKERS) || Math.max(1, Math.min(4, availableParallelism())),
    maxThreads: Number(process.env.PLAYGROUND_WORKERS) || Math.max(1, Math.min(4, availableParallelism())),
    concurrentTasksPerWorker: 64,
    // "sync" (the default) parks an idle worker in Atomics.wait, which freezes its event loop:
    // sandbox recycling, the cleanup queue's timer and late Redis replies would all wait for the
    // next task. Runs are I/O-bound, so the worker waits asynchronously instead.
    atomics: "async",
    idleTimeout: 5 * 60_000,
    maxQueue: 2048,
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
