/**
 * One run on the host side of the sandbox: the SandboxHost the QuickJS side talks to. It turns
 * each guest call into a command on the run's connections (command.ts, transaction.ts), and
 * holds what the run's other stages share: the trace recorder, the limits' counters and bounds,
 * the conflict ledger and the interference plan.
 */
import type Redis from "ioredis";
import type { TraceEvent } from "../../trace";
import { forbiddenCommand, forbiddenImport, NOT_A_CONNECTION, QUIT_EARLIER, REDIS_DOWN, uncaughtInTimer } from "../../errors";
import { failureOfRun } from "../redis-failure";
import type { ConnectionPool } from "../../redis/connection-pool";
import { ALLOWED_METHODS, refusalReason } from "../allowlist/allowlist";
import { ConflictLedger } from "../ledger/conflict-ledger";
import { RunBudget } from "../limits/run-budget";
import { RunCounters } from "../limits/counters";
import type { ControlReceiver } from "../plans/control";
import { Interference } from "../plans/interference";
import type { InterferencePlan } from "../plans/schema";
import { TraceRecorder } from "../recorder/trace-recorder";
import type { SandboxHost } from "../sandbox/host";
import type { RunErrorInfo, RunLimits } from "../types";
import { countSent, sendCommand } from "./command";
import type { BridgeContext } from "./context";
import { RunConnections, type RunConnection } from "./connections";
import { errReply, NEVER, type CallMsg, type Reply } from "./guest-args";
import { RunTimers } from "./timers";
import { sendTransaction } from "./transaction";
import { sendPipeline } from "./pipeline";
import { sendClientEnd, sendClientMulti } from "./client-multi";
import { ScheduleGate } from "../plans/schedule";
import { gatedCall } from "../plans/schedule-call";
import { sendPlanCommand } from "./plan-command";

export interface SessionDeps {
  pool: ConnectionPool;
  prefix: string;
  limits: RunLimits;
  plan?: InterferencePlan;
  /** Settles once the run's namespace is prepared (user created, setup applied). */
  ready: Promise<unknown>;
  /** The connection the namespace is being prepared on (see RunConnections). */
  primed?: Promise<Redis>;
  /** AUTH as this user on every lent connection (per-run ACL user), when set. */
  auth?: { username: string; password: string };
  control?: ControlReceiver;
  sink?: (e: TraceEvent) => void;
}

export class RunSession implements SandboxHost, BridgeContext {
  readonly limits: RunLimits;
  readonly recorder: TraceRecorder;
  readonly output: string[] = [];
  readonly connections: RunConnections;
  readonly touched = new Set<string>();
  readonly budget: RunBudget;
  readonly counters: RunCounters;
  readonly ledger = new ConflictLedger();
  readonly interference: Interference;
  /** Only under a schedule plan: the gate every lane's calls wait at (plans/schedule.ts). */
  readonly schedule?: ScheduleGate;
  fatal?: RunErrorInfo;
  /** Host work the guest doesn't wait on but the run does (the plan's writer). */
  pending = 0;
  private readonly timers: RunTimers;
  private finished = false;
  private changed = false;
  private waiter?: () => void;

  constructor(deps: SessionDeps) {
    this.limits = deps.limits;
    this.recorder = new TraceRecorder(deps.prefix, deps.sink);
    this.budget = new RunBudget(deps.limits);
    this.counters = new RunCounters(deps.limits);
    this.timers = new RunTimers(deps.limits.wallMs);
    this.connections = new RunConnections(this.recorder, { ...deps, lost: () => this.fail({ ...REDIS_DOWN }) });
    this.interference = new Interference({
      ...deps,
      recorder: this.recorder,
      stopped: () => this.stopped(),
      fail: (e) => this.fail(e),
      openClient: (label) => this.connections.add("plan", label),
      send: (conn, method, args) => sendCommand(this, conn, method, args, null),
      track: (work) => {
        this.pending++;
        void work().finally(() => {
          this.pending--;
          this.wake();
        });
      },
    });
    // Its "other client" lanes open now, before the program's: their letters are fixed from step 1.
    if (deps.plan?.kind === "schedule") {
      this.schedule = new ScheduleGate(deps.plan, {
        recorder: this.recorder,
        openClient: (label) => this.connections.add("plan", label),
        send: (conn, command) => sendPlanCommand(this, conn, command).catch((e: unknown) => this.fail(failureOfRun(e))),
        fail: (e) => this.fail(e),
        stopped: () => this.stopped(),
        wake: () => this.wake(),
      });
    }
  }

  get conns(): readonly RunConnection[] {
    return this.connections.all;
  }

  // ---- the run loop's view -------------------------------------------------------------

  /** Resolves at the next state change (a reply arrived, guest jobs ran, the run failed). */
  nextChange(): Promise<void> {
    if (this.changed) {
      this.changed = false;
      return Promise.resolve();
    }
    return new Promise((r) => (this.waiter = r));
  }

  fail(err: RunErrorInfo): void {
    if (!this.fatal && !this.finished) this.fatal = err;
    this.wake();
  }

  /** Ends host activity: timers and the plan's writer stop, no further replies reach the guest. */
  finish(): void {
    this.finished = true;
    this.timers.releaseAll();
  }

  // ---- SandboxHost -----------------------------------------------------------------------

  stopped(): boolean {
    return this.fatal !== undefined || this.finished;
  }

  afterJobs(): void {
    this.wake();
  }

  newConnection(fromId: number, line: number): number {
    if (this.stopped()) return -1;
    const over = this.counters.connection(this.connections.programCount(), line);
    if (over) return (this.fail(over), -1);
    const how = fromId >= 0 ? `duplicate()` : "new Redis()";
    return this.connections.add("program", `${how}${line ? ` on line ${line}` : ""}`).id;
  }

  async call(json: string): Promise<string> {
    if (this.stopped()) return NEVER;
    try {
      const msg = JSON.parse(json) as CallMsg;
      const reply = await this.dispatch(msg);
      if (this.stopped()) return NEVER;
      const out = JSON.stringify(reply, (_k, v: unknown) => (v instanceof Error ? { __error: this.recorder.strip(v.message) } : v));
      // Measured as handed over: what the guest (and the worker's heap) will hold.
      const over = this.budget.reply(msg.m, Buffer.byteLength(out), msg.l || null);
      if (over) return (this.fail(over), NEVER);
      return out;
    } catch (e) {
      this.fail(failureOfRun(e));
      return NEVER;
    }
  }

  sleep(ms: number, timerId: number): Promise<boolean> {
    return this.stopped() ? NEVER : this.timers.start(ms, timerId);
  }

  cancelTimer(id: number): void {
    this.timers.cancel(id);
  }

  log(level: string, text: string, line: number): void {
    if (this.stopped()) return;
    const over = this.counters.printed(text.length + 1, line);
    if (over) return this.fail(over);
    this.output.push(this.recorder.strip(text));
    const lv = level === "error" || level === "warn" || level === "info" ? level : "log";
    this.recorder.console(lv, text, line || null);
  }

  refuse(method: string, line: number): void {
    this.fail(forbiddenCommand(method, refusalReason(method), line));
  }

  badImport(name: string, line: number): void {
    this.fail(forbiddenImport(name, line));
  }

  uncaught(name: string, message: string, line: number, column: number): void {
    this.fail(uncaughtInTimer(name, this.recorder.strip(message), line, column));
  }

  // ---- guest calls ------------------------------------------------------------------------

  private async dispatch(msg: CallMsg): Promise<Reply> {
    const conn = this.connections.all[msg.c];
    if (!conn || conn.client.origin !== "program") return errReply(NOT_A_CONNECTION);
    if (conn.closed) return errReply(QUIT_EARLIER);
    if (this.schedule) {
      await this.schedule.hold(conn, gatedCall(msg));
      if (this.stopped()) return NEVER;
    }
    if (msg.m === "quit") return this.quit(conn, msg.l || null);
    if (msg.m === "pipeline") return sendPipeline(this, conn, msg);
    // Without a queue, exec/discard/multi are the client's own (multi({ pipeline: false })).
    if ((msg.m === "exec" || msg.m === "discard") && !msg.q) return sendClientEnd(this, conn, msg.m, msg.l || null);
    if (msg.m === "multi") return sendClientMulti(this, conn, msg.l || null);
    if (msg.m === "exec" || msg.m === "discard") return sendTransaction(this, conn, msg);
    if (!ALLOWED_METHODS.has(msg.m)) return (this.refuse(msg.m, msg.l), NEVER);
    return sendCommand(this, conn, msg.m, msg.a ?? [], msg.l || null);
  }

  /** quit() only closes the guest's handle: the connection itself goes back to the pool at the end. */
  private async quit(conn: RunConnection, line: number | null): Promise<Reply> {
    await this.interference.beforeSend(conn, "QUIT", [], line);
    countSent(this, 1, line);
    this.budget.unwatch(conn.id);
    const ev = this.recorder.command({ client: conn.client.id, name: "QUIT", args: [], line, queued: false });
    conn.closed = true;
    conn.watched.clear();
    this.recorder.complete(ev, { reply: "OK" }, performance.now());
    return { ok: "OK" };
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    if (w) w();
    else this.changed = true;
  }
}
