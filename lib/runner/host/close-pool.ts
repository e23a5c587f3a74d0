import { closeWorkerPool, workerPool } from "./pool";
import { flushWorkerCleanup } from "../worker/cleanup-flush";

/**
 * For a process that exits after its runs (the CLI): every worker first sends the cleanup it
 * still has queued, then the pool closes. Closing alone would drop that queue with the threads.
 */
export async function closeWorkerPoolAfterCleanup(): Promise<void> {
  await flushWorkerCleanup(workerPool());
  await closeWorkerPool();
}
