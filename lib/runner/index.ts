/**
 * The engine's front door: run a learner's TypeScript against the real Redis, in a sandbox,
 * and get back its output, its trace and a learner-facing error if it failed.
 *
 * Before a run reaches the pool it is admitted (lib/admission): its client's share first (runs in
 * flight, per minute, CPU lately), then a slot in the pool, waiting in a fair queue if need be.
 */
import { workerPool } from "./pool";
import { resolveLimits } from "./limits";
import { runRequestSchema } from "./request-schema";
import { describeIssues } from "../validation/issues";
import type { RunErrorInfo, RunRequest, RunResult } from "./types";
import { admission, BUSY, chargeClientCpu, enterClient, enterHeld, LOCAL_CLIENT, type ClientTurn } from "../admission";

export type { RunRequest, RunResult, InterferencePlan, RunLimits, RunErrorInfo, PlanWrite } from "./types";
export type { ClientTurn } from "../admission";
export { ALLOWED_API_DTS } from "./api-dts";
export { closeWorkerPool } from "./pool";

/**
 * The worker enforces the run's limits itself (a starved run ends as busy well before this);
 * this host-side deadline only catches a worker that stopped answering. It starts when the run
 * enters the pool: time in the admission queue is not the run's.
 */
const HOST_GRACE_MS = 60_000;

export interface RunOptions {
  /**
   * The client's unit this run belongs to, when the caller entered it already: a Check enters
   * once for all its runs (lib/lessons/grade.ts). Without it, a run with `client` enters its own.
   */
  turn?: ClientTurn;
}

export async function runProgram(req: RunRequest, opts: RunOptions = {}): Promise<RunResult> {
  const t0 = performance.now();
  const valid = runRequestSchema.safeParse(req);
  if (!valid.success) return notRun(req, t0, 0, { code: "bad_request", message: `The run request is invalid (${describeIssues(valid.error, { first: true, root: "request" })}).` });
  const client = opts.turn?.client ?? req.client;
  let own: ClientTurn | undefined;
  if (client && !opts.turn) {
    const entered = await enterClient(client);
    if (!entered.ok) return notRun(req, t0, 0, entered.error);
    own = entered.turn;
  }
  try {
    return await admitted(req, t0, client);
  } finally {
    own?.release();
  }
}

async function admitted(req: RunRequest, t0: number, client: string | undefined): Promise<RunResult> {
  // A run waiting on a person (race-lab steps) holds no CPU: it takes no slot, but is bounded too.
  const held = req.plan?.kind === "step";
  const releaseHeld = held ? enterHeld() : undefined;
  if (releaseHeld === null) return notRun(req, t0, 0, BUSY);
  // A learner is told "busy" rather than kept waiting; our own callers (no client) wait their turn.
  const slot = held ? undefined : await admission().gate.admit(client ?? LOCAL_CLIENT, client !== undefined);
  if (slot && !slot.ok) return notRun(req, t0, slot.queueMs, BUSY);
  const queueMs = slot?.queueMs ?? 0;
  const limits = resolveLimits(req.limits);
  // The deadline is ours, not an AbortSignal handed to piscina: piscina runs an abortable task
  // alone on its worker, which would leave that worker idle whenever the run waits on Redis -
  // and a stepped race-lab run would hold a whole worker for as long as a class takes.
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"deadline">((resolve) => (timer = setTimeout(() => resolve("deadline"), limits.wallMs + HOST_GRACE_MS)));
  try {
    // The worker answers with the result as JSON text (see worker.ts).
    const outcome = await Promise.race([workerPool().run(req) as Promise<string>, deadline]);
    if (outcome === "deadline") return notRun(req, t0, queueMs, { code: "busy", message: STUCK_MESSAGE });
    const result = JSON.parse(outcome) as RunResult;
    result.timings.totalMs = round(performance.now() - t0);
    result.timings.queueMs = round(queueMs);
    if (client) chargeClientCpu(client, result.timings.cpuMs);
    return result;
  } catch {
    return notRun(req, t0, queueMs, INTERNAL);
  } finally {
    clearTimeout(timer);
    slot?.release();
    releaseHeld?.();
  }
}

const STUCK_MESSAGE = "The playground is very busy and could not finish your run in time. This isn't your code; please run it again in a moment.";
const INTERNAL: RunErrorInfo = { code: "internal", message: "The playground could not run your program just now. Please try again in a moment." };

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The result of a run that never reached a worker, or whose worker never answered. */
function notRun(req: RunRequest, t0: number, queueMs: number, error: RunErrorInfo): RunResult {
  return {
    runId: req.runId ?? "unknown",
    status: "error",
    output: [],
    trace: { version: 1, clients: [], events: [], truncated: false },
    error,
    timings: { totalMs: round(performance.now() - t0), transpileMs: 0, programMs: 0, cpuMs: 0, queueMs: round(queueMs) },
  };
}
