/**
 * A whole run inside a worker: transpile, prepare the namespace (ACL user + setup), run the
 * sandbox until the program and everything it started are done, then read the final state and
 * clean up so that no key, connection or user is left behind.
 */
import { randomToken } from "../redis/random-token";
import { getKeyIndexes } from "@ioredis/commands";
import type Redis from "ioredis";
import { LIMIT_CODES, limitError, resolveLimits } from "./limits";
import { transpile } from "./transpile";
import type { Sandbox, GuestError } from "./sandbox";
import { RunSession } from "./session";
import { INTERNAL, isRedisOom, REDIS_DOWN, REDIS_FULL, STARVED } from "./service-errors";
import { queueStringReads, readFinalState, type StringRead } from "./final-state";
import { streamSink } from "./stream-sink";
import { ControlReceiver } from "./control";
import { isConnectionError, type RunConnection } from "./run-connection";
import { workerEnv, type WorkerEnv } from "./worker-env";
import type { RunErrorInfo, RunRequest, RunResult } from "./types";
import type { RunStatus } from "../trace/types";
import { keyPrefix, RUN_ID_PATTERN } from "../redis/namespace";
import { runUser } from "../redis/acl";
import { registerRun } from "../redis/janitor";
import { baseCredentials } from "../redis/config";
import { startWallCharge } from "../admission/wall-charge";

export async function executeRun(req: RunRequest): Promise<RunResult> {
  const env = await workerEnv();
  env.runStarted();
  try {
    return await execute(req, env);
  } finally {
    env.runEnded();
  }
}

async function execute(req: RunRequest, env: WorkerEnv): Promise<RunResult> {
  const t0 = performance.now();
  const runId = req.runId && RUN_ID_PATTERN.test(req.runId) ? req.runId : randomToken(9, "base64url");
  const limits = resolveLimits(req.limits);
  const prefix = keyPrefix(runId);

  const early = (error: RunErrorInfo, transpileMs = 0): RunResult => ({
    runId,
    status: LIMIT_CODES.has(error.code) ? "limit" : "error",
    output: [],
    trace: { version: 1, clients: [], events: [{ kind: "end", seq: 1, at: 0, status: "error", message: error.message }], truncated: false },
    error,
    timings: { totalMs: performance.now() - t0, transpileMs, programMs: 0, cpuMs: 0 },
  });

  // A run rejected before it starts still ends its stream, so live viewers are never left waiting.
  const rejected = async (result: RunResult) => {
    if (req.stream) {
      const sink = streamSink(env.service, runId);
      for (const e of result.trace.events) sink.push(e);
      await sink.close(result).catch(() => {});
    }
    return result;
  };
  if (req.source.length > limits.codeChars) return rejected(early(limitError("code_limit", limits)));
  const tt = performance.now();
  const js = transpile(req.source);
  const transpileMs = performance.now() - tt;
  if (!js.ok) return rejected(early(js.error, transpileMs));

  const stream = req.stream ? streamSink(env.service, runId) : undefined;
  const useAcl = await env.acl();
  const user = useAcl ? runUser(runId) : undefined;
  // Not awaited here: the sandbox compiles and starts the program while this round trip is in
  // flight, and the program's first command follows it on the same connection.
  const setup = prefixSetup(req.setup ?? [], prefix);
  const { primed, ready } = prepare(env, runId, limits.wallMs, setup.commands, user);
  const control = req.plan?.kind === "step" ? new ControlReceiver(env.url, runId) : undefined;
  const session = new RunSession({
    pool: env.pool,
    prefix,
    limits,
    plan: req.plan,
    ready,
    primed,
    auth: user ? { username: user.username, password: user.password } : undefined,
    control,
    sink: stream?.push,
  });

  const p0 = performance.now();
  let sandbox: Sandbox | undefined;
  let blockedMs = 0;
  // Charged only for time this run could make progress: not while other runs' code held the thread.
  const cpuMark = env.guestCpuMs();
  const wall = startWallCharge(limits.wallMs, () => env.guestCpuMs() - cpuMark - (sandbox?.cpuMs ?? 0), (why) => session.fail(why === "timeout" ? limitError("timeout", limits) : STARVED));
  ready.catch((e: unknown) => session.fail(prepareError(e)));
  try {
    session.startPlan();
    const taken = await env.takeSandbox(js.code);
    sandbox = taken.sandbox.attach(session, limits);
    const startErr = sandbox.start(js.code, taken.keepCompiled);
    if (startErr) session.fail(guestError(startErr, sandbox, limits));
    for (;;) {
      if (session.fatal) break;
      if (sandbox.hostFault) {
        session.fail({ code: "runtime", message: "Your program hit a problem the sandbox could not recover from (for example a value nested too deeply to print). Simplify it and run again." });
        break;
      }
      const st = sandbox.mainState();
      if (st.state === "rejected") {
        session.fail(guestError(st.error, sandbox, limits));
        break;
      }
      if (session.pending === 0 && sandbox.pendingOps === 0) {
        if (st.state === "pending")
          session.fail({ code: "runtime", message: "Your program is waiting for something that will never happen (a Promise that never resolves), so it was ended. Check that every Promise you await can finish." });
        break;
      }
      await session.nextChange();
    }
  } catch (e) {
    session.fail(isConnectionError(e) ? REDIS_DOWN : INTERNAL);
  } finally {
    blockedMs = wall.stop();
    session.finish();
  }
  const programMs = performance.now() - p0;
  const cpuMs = sandbox?.cpuMs ?? 0;
  // Restoring the runtime is nobody's wait: do it once the result is on its way.
  if (sandbox) setImmediate(() => env.returnSandbox(sandbox));
  control?.close();

  const error = session.fatal;
  // QuickJS counts columns in the transpiled line: back to the learner's.
  if (error?.line && error.column) error.column = js.sourceColumn(error.line, error.column);
  const status: RunStatus = !error ? "ok" : error.code === "timeout" ? "timeout" : LIMIT_CODES.has(error.code) ? "limit" : "error";
  // The final state includes the setup, so it is read only once the namespace was prepared.
  await ready.catch(() => {});
  const watchLeftOn = session.conns.filter((c) => c.client.origin === "program" && !c.closed && c.watched.size > 0).map((c) => c.client.id);
  // Reading the final state and handing connections back overlap; the namespace is dropped later.
  const inspectKeys = error?.code === "redis_unavailable" ? undefined : (req.inspectKeys ?? []);
  const handBack = resetConnections(env, session, prefix, user, inspectKeys ?? []);
  const finalState = inspectKeys ? await readFinalState(env.service, prefix, inspectKeys, await handBack.reads.catch(() => undefined)).catch(() => undefined) : undefined;
  // Nobody waits on this: once no connection is authenticated as the run's user any more, the
  // namespace and the user are queued to be dropped.
  env.cleanup.later(handBack.clean.catch(() => false).then((clean) => ({ runId, keys: namespaceKeys(session, prefix, setup.keys), user: user?.username, unregister: clean })));
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
  };
  if (stream) await stream.close(result).catch(() => {});
  return result;
}

/** Why the namespace could not be prepared: Redis down or full is the playground's, not the learner's. */
function prepareError(e: unknown): RunErrorInfo {
  if (isConnectionError(e)) return REDIS_DOWN;
  return isRedisOom(e) ? REDIS_FULL : INTERNAL;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

function guestError(e: GuestError, sandbox: Sandbox, limits: ReturnType<typeof resolveLimits>): RunErrorInfo {
  if (/out of memory/i.test(e.message) || sandbox.memoryExceeded) return { ...limitError("memory_limit", limits), line: e.line };
  if (/interrupted/i.test(e.message) && sandbox.cpuExceeded()) return { ...limitError("cpu_limit", limits), line: e.line };
  if (/interrupted/i.test(e.message))
    return { code: "internal", message: "The playground stopped your program unexpectedly. Please run it again." };
  if (/stack overflow|call stack/i.test(e.message))
    return { code: "runtime", message: "RangeError: too much recursion - a function keeps calling itself without stopping.", line: e.line, column: e.column };
  if (e.name === "SyntaxError") return { code: "syntax", message: `SyntaxError: ${e.message}`, line: e.line, column: e.column };
  return { code: "runtime", message: `${e.name}: ${e.message}`, line: e.line, column: e.column };
}

/**
 * Registers the run with the janitor (lib/redis/janitor.ts), creates its user, applies the
 * unit's setup and authenticates as that user - in one write, on the connection the program
 * will use first (`primed`). Redis runs one connection's commands in order, so the program's
 * first command can follow right behind without waiting for these replies. The queued cleanup
 * of earlier runs rides along, ahead of the AUTH. The registration comes first and always
 * happens: if this worker dies before the run's namespace is dropped, the janitor deletes its
 * keys and user later.
 */
function prepare(
  env: WorkerEnv,
  runId: string,
  wallMs: number,
  setup: (string | number)[][],
  user?: ReturnType<typeof runUser>,
): { primed: Promise<Redis>; ready: Promise<void> } {
  const sent = env.pool.acquire().then((redis) => {
    // Built before the run's key prefix is set on the connection: these keys are already full.
    const p = redis.pipeline();
    const earlier = env.cleanup.drainInto(p);
    registerRun(p, runId, Date.now(), wallMs);
    if (user) p.acl("SETUSER", user.username, ...user.rules);
    for (const [name, ...args] of setup) p.call(String(name), ...args);
    if (user) p.auth(user.username, user.password);
    // exec() writes synchronously: whatever is sent on this connection later queues behind it.
    const done = p.exec().then((res) => {
      // Only this run's own commands decide whether it can start; earlier runs' cleanup can't fail it.
      const failed = res?.slice(earlier).find(([e]) => e);
      if (failed?.[0]) throw failed[0];
    });
    return { redis, done };
  });
  return { primed: sent.then((s) => s.redis), ready: sent.then((s) => s.done) };
}

/** The unit's setup commands with the run's prefix on their keys, and those keys. */
function prefixSetup(setup: (string | number)[][], prefix: string): { commands: (string | number)[][]; keys: string[] } {
  const keys: string[] = [];
  const commands = setup.map(([name, ...args]) => {
    const idx = new Set(getKeyIndexes(String(name).toLowerCase(), args.map(String)));
    const out = args.map((a, i) => (idx.has(i) ? prefix + String(a) : a));
    for (const i of idx) keys.push(String(out[i]));
    return [String(name), ...out];
  });
  return { commands, keys };
}

/**
 * Returns the run's connections to the pool: WATCH released, authenticated as the base user.
 * The first healthy connection also reads the inspected keys (as strings) in the same write, so
 * the final state costs no round trip of its own. `clean` is false when a connection had to be
 * dropped with commands still in flight.
 */
function resetConnections(
  env: WorkerEnv,
  session: RunSession,
  prefix: string,
  user: ReturnType<typeof runUser> | undefined,
  inspectKeys: string[],
): { clean: Promise<boolean>; reads: Promise<(StringRead | Error)[] | undefined> } {
  const base = baseCredentials();
  let reads: Promise<(StringRead | Error)[]> | undefined;
  /** What hand-back needs to know of a lent connection (a RunConnection, read when it settled). */
  type Lent = Pick<RunConnection, "broken" | "inflight" | "watched">;
  const handBack = async (c: Lent, redis: Redis): Promise<boolean> => {
    redis.removeAllListeners("close");
    if (c.broken || c.inflight > 0 || redis.status !== "ready") {
      env.pool.release(redis, false);
      return c.inflight === 0;
    }
    try {
      // EXEC, DISCARD and UNWATCH already released the WATCH; everything goes in one write.
      const back: Promise<unknown>[] = [];
      redis.stream.cork();
      if (!reads && inspectKeys.length > 0) {
        // Still lent to the run: its key prefix applies, and its user may read its own keys.
        reads = queueStringReads(redis, inspectKeys);
        back.push(reads);
      }
      if (c.watched.size > 0) back.push(redis.unwatch());
      if (user) back.push(redis.auth(base.username, base.password));
      redis.stream.uncork();
      await Promise.all(back);
      env.pool.release(redis, true);
    } catch {
      env.pool.release(redis, false);
    }
    return true;
  };
  // The prepared connection, when the program never used one: it is authenticated as the run.
  const unclaimed = session.takePrimed()?.then(
    (redis) => {
      redis.options.keyPrefix = prefix;
      return redis;
    },
    () => undefined,
  );
  const lent: Lent[] = [...session.conns];
  // Connections still being acquired are settled first, so the reader is chosen synchronously.
  const settled = session.conns.map((c) => (c.redis ? Promise.resolve(c.redis) : (c.acquiring?.catch(() => undefined) ?? Promise.resolve(undefined))));
  if (unclaimed) {
    lent.push({ broken: false, inflight: 0, watched: new Map() });
    settled.push(unclaimed);
  }
  const clean = Promise.all(settled).then((all) => Promise.all(all.map((redis, i) => (redis ? handBack(lent[i]!, redis) : true))));
  return {
    clean: clean.then((all) => all.every(Boolean)),
    reads: clean.then(() => reads, () => undefined),
  };
}

/** Every key the run may have created: what it touched and what its setup wrote. */
function namespaceKeys(session: RunSession, prefix: string, setupKeys: string[]): string[] {
  return [...new Set([...[...session.touched].map((k) => prefix + k), ...setupKeys])];
}
