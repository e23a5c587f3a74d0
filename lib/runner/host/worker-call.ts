/**
 * The typed call across the worker boundary: a WorkerTask goes in, a RunResult comes out. The
 * only place that knows the worker answers in JSON text (see worker/task.ts).
 */
import type { RunResult } from "../types";
import type { WorkerAnswer, WorkerTask } from "../worker/task";
import { workerPool } from "./pool";

export async function callWorker(task: WorkerTask): Promise<RunResult> {
  const answer = (await workerPool().run(task)) as WorkerAnswer;
  return JSON.parse(answer) as RunResult;
}
