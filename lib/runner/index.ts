/**
 * The engine's front door: run a learner's TypeScript against the real Redis, in a sandbox,
 * and get back its output, its trace and a learner-facing error if it failed.
 */
import { workerPool } from "./pool";
import { resolveLimits } from "./limits";
import { describeIssue, runRequestSchema } from "./request-schema";
import type { RunRequest, RunResult } from "./types";

export type { RunRequest, RunResult, InterferencePlan, RunLimits, RunErrorInfo, PlanWrite } from "./types";
export { ALLOWED_API_DTS } from "./api-dts";
export { closeWorkerPool } from "./pool";

/**
 * The worker enforces the run's limits itself; this host-side deadline only catches a worker
 * that stopped answering. It is generous because it also counts time queued behind other runs
 * on a busy server, which is no fault of the learner's code.
 */
const HOST_GRACE_MS = 60_000;

export async function runProgram(req: RunRequest): Promise<RunResult> {
  const t0 = performance.now();
  const valid = runRequestSchema.safeParse(req);
  if (!valid.success) {
    return {
      runId: "invalid",
      status: "error",
      output: [],
      trace: { version: 1, clients: [], events: [], truncated: false },
      error: { code: "bad_request", message: `The run request is invalid (${describeIssue(valid.error)}).` },
      timings: { totalMs: performance.now() - t0, transpileMs: 0, programMs: 0, cpuMs: 0 },
    };
  }
  const limits = resolveLimits(req.limits);
  // The deadline is ours, not an AbortSignal handed to piscina: piscina runs an abortable task
  // alone on its worker, which would leave that worker idle whenever the run waits on Redis -
  // and a stepped race-lab run would hold a whole worker for as long as a class takes.
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"deadline">((resolve) => (timer = setTimeout(() => resolve("deadline"), limits.wallMs + HOST_GRACE_MS)));
  try {
    // The worker answers with the result as JSON text (see worker.ts).
    const outcome = await Promise.race([workerPool().run(req) as Promise<string>, deadline]);
    if (outcome === "deadline") return notRun(req, t0, "timeout");
    const result = JSON.parse(outcome) as RunResult;
    result.timings.totalMs = Math.round((performance.now() - t0) * 1000) / 1000;
    return result;
  } catch {
    return notRun(req, t0, "error");
  } finally {
    clearTimeout(timer);
  }
}

/** The result of a run the pool could not carry out (no fault of the learner's code). */
function notRun(req: RunRequest, t0: number, status: "timeout" | "error"): RunResult {
  return {
    runId: req.runId ?? "unknown",
    status,
    output: [],
    trace: { version: 1, clients: [], events: [], truncated: false },
    error:
      status === "timeout"
        ? { code: "timeout", message: "The playground is very busy and could not finish your run in time. Please run it again in a moment." }
        : { code: "internal", message: "The playground could not run your program just now. Please try again in a moment." },
    timings: { totalMs: performance.now() - t0, transpileMs: 0, programMs: 0, cpuMs: 0 },
  };
}
