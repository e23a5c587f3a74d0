/**
 * A whole run inside a worker, top to bottom: prepare the namespace, run the program in a
 * sandbox, inspect the final state, hand the connections back and queue the namespace's drop -
 * so that no key, connection or user is left behind.
 */
import { randomToken } from "../../redis/random-token";
import { keyPrefix, RUN_ID_PATTERN } from "../../redis/namespace";
import { runUser } from "../../redis/acl";
import type { RunStatus } from "../../trace";
import { startWallCharge } from "../../admission/wall-charge";
import { INTERNAL, LIMIT_CODES, limitError, REDIS_DATA_MOVED, REDIS_DOWN, REDIS_FULL, REDIS_NODE_LOST, STARVED } from "../../errors";
import { asRedisFailure, isRedisOom, isReplyError, isSlotGone } from "../../redis/errors";
import { failureOfRun } from "../redis-failure";
import { RunSession } from "../bridge/session";
import { dropNamespaceLater } from "../namespace/cleanup";
import { handBack } from "../namespace/hand-back";
import { readFinalState } from "../namespace/inspect";
import { prefixSetup, prepareNamespace } from "../namespace/prepare";
import { ControlReceiver } from "../plans/control";
import type { Sandbox } from "../sandbox/sandbox";
import { streamSink } from "../stream-sink";
import { transpile } from "../transpile";
import type { RunErrorInfo, RunResult } from "../types";
import { earlyResult, endStream } from "./early-result";
import { runToEnd } from "./run-loop";
import type { WorkerTask } from "./task";
import { workerEnv, type WorkerEnv } from "./worker-env";

export async function executeRun(task: WorkerTask): Promise<RunResult> {
  const env = await workerEnv();
  env.sandboxes.runStarted();
  try {
    return await execute(task, env);
  } finally {
    env.sandboxes.runEnded();
  }
}

async function execute({ request: req, limits }: WorkerTask, env: WorkerEnv): Promise<RunResult> {
  const t0 = performance.now();
  const runId = req.runId && RUN_ID_PATTERN.test(req.runId) ? req.runId : randomToken(9, "base64url");
  const prefix = keyPrefix(runId);
  if (req.source.length > limits.codeChars) return endStream(env.service, earlyResult(runId, t0, limitError("code_limit", limits)), req.stream);
  const tt = performance.now();
  const js = transpile(req.source);
  const transpileMs = performance.now() - tt;
  if (!js.ok) return endStream(env.service, earlyResult(runId, t0, js.error, transpileMs), req.stream);

  // 1. Prepare: not awaited here - the sandbox compiles and starts the program while this round
  // trip is in flight, and the program's first command follows it on the same connection.
  const stream = req.stream ? streamSink(env.service, runId) : undefined;
  const user = (await env.acl()) ? runUser(runId) : undefined;
  const setup = prefixSetup(req.setup ?? [], prefix);
  // On a cluster: the pool of the master that owns the run's slot (lib/redis/run-pools.ts).
  const pool = await env.pools.forRun(runId).catch(() => undefined);
  if (!pool) return endStream(env.service, earlyResult(runId, t0, REDIS_DOWN, transpileMs), req.stream);
  const { primed, ready } = prepareNamespace({ ...env, pool }, runId, limits.wallMs, setup.commands, user);
  const control = req.plan?.kind === "step" ? new ControlReceiver(runId) : undefined;
  const auth = user ? { username: user.username, password: user.password } : undefined;
  const session = new RunSession({ pool, prefix, limits, plan: req.plan, ready, primed, auth, control, sink: stream?.push });

  // 2. Run. The wall limit is charged only for time this run could make progress: not while
  // other runs' code held the thread.
  const p0 = performance.now();
  let sandbox: Sandbox | undefined;
  const heldMark = env.sandboxes.guestHeldMs();
  const wall = startWallCharge(limits.wallMs, () => env.sandboxes.guestHeldMs() - heldMark - (sandbox?.heldMs ?? 0), (why) => session.fail(why === "timeout" ? limitError("timeout", limits) : STARVED));
  ready.catch((e: unknown) => session.fail(prepareError(e)));
  try {
    session.interference.start();
    const taken = await env.sandboxes.take(js.code);
    sandbox = taken.sandbox.attach(session, limits);
    await runToEnd(session, sandbox, js.code, taken.keepCompiled, limits);
  } catch (e) {
    session.fail(failureOfRun(e));
  }
  const blockedMs = wall.stop();
  session.finish();
  const programMs = performance.now() - p0;
  const cpuMs = sandbox?.cpuMs ?? 0;
  // Restoring the runtime is nobody's wait: do it once the result is on its way.
  if (sandbox) setImmediate(() => env.sandboxes.giveBack(sandbox));
  control?.close();

  // On a cluster, losing the run's master mid-run is a failover: say so (a moved slot says so already).
  const lost = env.cluster && session.fatal?.code === "redis_unavailable" && session.fatal.message !== REDIS_DATA_MOVED.message;
  const error = lost && session.fatal ? { ...session.fatal, message: REDIS_NODE_LOST.message } : session.fatal;
  // QuickJS counts columns in the transpiled line: back to the learner's.
  if (error?.line && error.column) error.column = js.sourceColumn(error.line, error.column);
  const status: RunStatus = !error ? "ok" : error.code === "timeout" ? "timeout" : LIMIT_CODES.has(error.code) ? "limit" : "error";

  // 3. Inspect and hand back: the final state includes the setup, so it is read only once the
  // namespace was prepared; reading it and handing connections back overlap.
  await ready.catch(() => {});
  const watchLeftOn = session.conns.filter((c) => c.client.origin === "program" && !c.closed && c.watched.size > 0).map((c) => c.client.id);
  const inspectKeys = error?.code === "redis_unavailable" ? undefined : (req.inspectKeys ?? []);
  const back = handBack(pool, session.connections, prefix, user, inspectKeys ?? []);
  const finalState = inspectKeys ? await readFinalState(env.service, prefix, inspectKeys, await back.reads.catch(() => undefined)).catch(() => undefined) : undefined;
  // 4. Clean up, later: once no connection is authenticated as the run's user any more.
  dropNamespaceLater(env.cleanup, { runId, prefix, touched: session.touched, setupKeys: setup.keys, user: user?.username, userNode: pool.node }, back.clean);
  session.recorder.end(status, error?.message);

  const result: RunResult = {
    runId,
    status,
    output: session.output,
    trace: session.recorder.trace(),
    ...(error ? { error } : {}),
    timings: { totalMs: round(performance.now() - t0), transpileMs: round(transpileMs), programMs: round(programMs), cpuMs: round(cpuMs), blockedMs: round(blockedMs) },
    ...(finalState ? { finalState } : {}),
    watchLeftOn,
    ...(session.schedule ? { schedule: session.schedule.result(session.conns, session.recorder.events) } : {}),
  };
  if (stream) await stream.close(result).catch(() => {});
  return result;
}

/** Why the namespace could not be prepared: Redis down or full is the playground's, not the learner's. */
function prepareError(e: unknown): RunErrorInfo {
  if (isRedisOom(e)) return REDIS_FULL;
  if (isSlotGone(e)) return failureOfRun(asRedisFailure(e));
  // Everything in the prepare is an ioredis call: what is not Redis's answer is its connection.
  return isReplyError(e) ? INTERNAL : REDIS_DOWN;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
