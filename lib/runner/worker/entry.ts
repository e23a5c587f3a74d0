// Piscina worker entry (bundled to .engine/worker.mjs): runs execute concurrently, each in its own
// QuickJS runtime, so a busy or runaway program never blocks the web server's event loop.
import { executeRun } from "./execute-run";
import { resultJson } from "./result-json";
import { answerCleanupFlushes } from "./cleanup-flush";
import { workerEnv } from "./worker-env";
import type { WorkerAnswer, WorkerTask } from "./task";

let ranHere = false;
// Before the pool closes (the CLI's exit), queued namespace drops are sent; a worker that ran
// nothing has nothing to send and must not connect to Redis just to say so.
answerCleanupFlushes(async () => {
  if (ranHere) await (await workerEnv()).cleanup.drain();
});

export default async function run(task: WorkerTask): Promise<WorkerAnswer> {
  ranHere = true;
  return resultJson(await executeRun(task));
}
