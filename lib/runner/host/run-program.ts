/**
 * The host side of a run: validate the request, resolve its limits (once - the worker uses them
 * as they are), admit it (lib/admission: its client's share, then a slot in the pool, waiting in
 * a fair queue if need be), call a worker and wait for its answer, within a deadline of our own.
 */
import { admission, BUSY, chargeClientCpu, enterClient, enterHeld, LOCAL_CLIENT, type ClientTurn } from "../../admission";
import { resolveLimits } from "../limits/defaults";
import type { RunErrorInfo, RunRequest, RunResult } from "../types";
import { notRun, round } from "./not-run";
import { describeIssue, runRequestSchema } from "./request-schema";
import { callWorker } from "./worker-call";

/**
 * The worker enforces the run's limits itself (a starved run ends as busy well before this);
 * this host-side deadline, past the run's wall limit, only catches a worker that stopped
 * answering. It starts when the run enters the pool: time in the admission queue is not the run's.
 */
export const WORKER_ANSWER_GRACE_MS = 60_000;

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
  if (!valid.success) return notRun(req, t0, 0, { code: "bad_request", message: `The run request is invalid (${describeIssue(valid.error)}).` });
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
  const deadline = new Promise<"deadline">((resolve) => (timer = setTimeout(() => resolve("deadline"), limits.wallMs + WORKER_ANSWER_GRACE_MS)));
  try {
    const result = await Promise.race([callWorker({ request: req, limits }), deadline]);
    if (result === "deadline") return notRun(req, t0, queueMs, { code: "busy", message: STUCK_MESSAGE });
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
