/**
 * One run on the host side of the sandbox: it owns the run's connections, forwards every guest
 * call to real ioredis, records the trace, enforces the limits and carries out the interference
 * plan. It is the SandboxHost the QuickJS side talks to.
 */
import type Redis from "ioredis";
import { ALLOWED_METHODS, QUEUEABLE_METHODS, refusalReason } from "./commands";
import { commandSpec } from "../commands/catalogue";
import type { CommandSpec } from "../commands/spec";
import { finalArgs } from "../commands/wire";
import { BOUNDS } from "../commands/bounds";
import { boundError, limitError } from "./limits";
import { RunBudget } from "./run-budget";
import { INTERNAL, isRedisOom, REDIS_DOWN, REDIS_FULL } from "./service-errors";
import { TraceRecorder } from "./recorder";
import { callMethod, fromGuest, isConnectionError, type RunConnection } from "./run-connection";
import type { SandboxHost } from "./sandbox";
import type { ControlReceiver } from "./control";
import type { InterferencePlan, PlanWrite, RunErrorInfo, RunLimits } from "./types";
import type { TraceEvent } from "../trace/types";
import type { ConnectionPool } from "../redis/connection-pool";

type WriteNote = { seq: number; client: string; keys: string[] };
type Reply = { ok: unknown } | { err: { message: string; name: string } };
type CallMsg = { c: number; m: string; a?: unknown[]; q?: { m: string; a: unknown[]; l: number }[]; l: number; ml?: number };
/** A command ready to send: its entry, its final arguments (see lib/commands/wire) and its keys. */
type Prepared = { method: string; name: string; spec: CommandSpec; wire: string[]; shown: (string | number)[]; keys: string[]; line: number | null; tooMany?: number };

/** Never settles: used once the run is over, so the guest just stops. */
const NEVER = new Promise<never>(() => {});

/** Kept for execute.ts, which only needs the words; the error itself lives in service-errors. */
export const REDIS_DOWN_MESSAGE = REDIS_DOWN.message;

export interface SessionDeps {
  pool: ConnectionPool;
  prefix: string;
  limits: RunLimits;
  plan?: InterferencePlan;
  /** Settles once the run's namespace is prepared (user created, setup applied). */
  ready: Promise<unknown>;
  /**
   * The connection the namespace is being prepared on, already authenticated as the run's user
   * when the prepare's commands are executed: the program's first connection takes it and may
   * send right away, since Redis runs one connection's commands in order.
   */
  primed?: Promise<Redis>;
  /** AUTH as this user on every lent connection (per-run ACL user), when set. */
  auth?: { username: string; password: string };
  control?: ControlReceiver;
  sink?: (e: TraceEvent) => void;
}

export class RunSession implements SandboxHost {
  readonly recorder: TraceRecorder;
  readonly output: string[] = [];
  readonly conns: RunConnection[] = [];
  /** Every key (learner name) the run touched: deleted at the end. */
  readonly touched = new Set<string>();
  fatal?: RunErrorInfo;
  /** Host work the guest doesn't wait on but the run does (the plan's writer). */
  pending = 0;
  private commands = 0;
  private readonly budget: RunBudget;
  private bytesWritten = 0;
  private outputChars = 0;
  private attempt = 0;
  private injected = new Set<number>();
  private writes: WriteNote[] = [];
  private timers = new Map<number, { timer: NodeJS.Timeout; resolve: (fired: boolean) => void }>();
  private planConn?: RunConnection;
  private anonymousTimers = 0;
  private stepping: boolean;
  private finished = false;
  private changed = false;
  private waiter?: () => void;
  /** The prepared connection until someone takes it (see takePrimed). */
  private primed?: Promise<Redis>;

  constructor(private readonly deps: SessionDeps) {
    this.primed = deps.primed;
    this.recorder = new TraceRecorder(deps.prefix, deps.sink);
    this.stepping = deps.plan?.kind === "step";
    this.budget = new RunBudget(deps.limits);
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
    for (const { timer, resolve } of this.timers.values()) {
      clearTimeout(timer);
      resolve(false);
    }
    this.timers.clear();
  }

  /** Starts the plan's concurrent writer, if any. */
  startPlan(): void {
    const plan = this.deps.plan;
    if (plan?.kind !== "writer") return;
    this.pending++;
    void (async () => {
      try {
        await this.deps.ready;
        if (plan.startAfterMs) await this.delay(plan.startAfterMs);
        for (let i = 1; i <= plan.times && !this.fatal && !this.finished; i++) {
          await this.planWrite(plan.write, `write ${i} of ${plan.times}`);
          if (i < plan.times) await this.delay(plan.everyMs);
        }
      } finally {
        this.pending--;
        this.wake();
      }
    })();
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
    const program = this.conns.filter((c) => c.client.origin === "program").length;
    if (program >= this.deps.limits.connections) {
      this.fail({ ...limitError("connection_limit", this.deps.limits), line: line || undefined });
      return -1;
    }
    const how = fromId >= 0 ? `duplicate()` : "new Redis()";
    return this.addConnection("program", `${how}${line ? ` on line ${line}` : ""}`).id;
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
      if (over) {
        this.fail(over);
        return NEVER;
      }
      return out;
    } catch (e) {
      this.fail(isConnectionError(e) ? { ...REDIS_DOWN } : { ...INTERNAL });
      return NEVER;
    }
  }

  sleep(ms: number, timerId: number): Promise<boolean> {
    if (this.stopped()) return NEVER;
    // sleep() has no id of its own; it still needs an entry so finish() can release it.
    const key = timerId || -++this.anonymousTimers;
    return new Promise<boolean>((resolve) => {
      let settled = false;
      const done = (fired: boolean) => {
        if (settled) return;
        settled = true;
        this.timers.delete(key);
        resolve(fired);
      };
      const timer = setTimeout(() => done(true), Math.max(0, Math.min(ms, this.deps.limits.wallMs)));
      this.timers.set(key, { timer, resolve: done });
    });
  }

  cancelTimer(id: number): void {
    const t = this.timers.get(id);
    if (!t) return;
    clearTimeout(t.timer);
    t.resolve(false);
  }

  log(level: string, text: string, line: number): void {
    if (this.stopped()) return;
    this.outputChars += text.length + 1;
    if (this.outputChars > this.deps.limits.outputChars) {
      this.fail({ ...limitError("output_limit", this.deps.limits), line: line || undefined });
      return;
    }
    this.output.push(this.recorder.strip(text));
    const lv = level === "error" || level === "warn" || level === "info" ? level : "log";
    this.recorder.console(lv, text, line || null);
  }

  refuse(method: string, line: number): void {
    const name = method.toUpperCase();
    this.fail({
      code: "forbidden_command",
      message: `${name} isn't allowed in the playground: ${refusalReason(method)}. Use the data commands (strings, hashes, lists, sets, sorted sets), key basics, WATCH/MULTI/EXEC, PING or ECHO.`,
      line: line || undefined,
    });
  }

  badImport(name: string, line: number): void {
    this.fail({
      code: "forbidden_import",
      message: `Only "ioredis" can be imported in the playground; "${name}" isn't available here. Remove that import.`,
      line: line || undefined,
    });
  }

  uncaught(name: string, message: string, line: number, column: number): void {
    this.fail({
      code: "runtime",
      message: `${name}: ${this.recorder.strip(message)} (in a setTimeout callback)`,
      line: line || undefined,
      column: column || undefined,
    });
  }

  // ---- commands ---------------------------------------------------------------------------

  private async dispatch(msg: CallMsg): Promise<Reply> {
    const conn = this.conns[msg.c];
    if (!conn || conn.client.origin !== "program") return err("This is not a Redis connection. Create one with new Redis().");
    const line = msg.l || null;
    if (conn.closed) return err("Connection is closed. You called quit() on this connection earlier; use another one.");
    if (msg.m === "quit") {
      await this.gate(conn, "QUIT", [], line);
      this.count(1, line);
      this.budget.unwatch(conn.id);
      const ev = this.recorder.command({ client: conn.client.id, name: "QUIT", args: [], line, queued: false });
      conn.closed = true;
      conn.watched.clear();
      this.recorder.complete(ev, { reply: "OK" }, performance.now());
      return { ok: "OK" };
    }
    if (msg.m === "exec" || msg.m === "discard") return this.transaction(conn, msg);
    if (!ALLOWED_METHODS.has(msg.m)) {
      this.refuse(msg.m, msg.l);
      return NEVER;
    }
    return this.command(conn, msg.m, msg.a ?? [], line);
  }

  /** The command as ioredis will send it, from what the guest (or the plan) passed. */
  private prepare(method: string, args: unknown[], line: number | null): Prepared {
    const spec = commandSpec(method);
    if (!spec) throw new Error(`not in the catalogue: ${method}`);
    // Arrays flatten one level into the final list: a huge one is refused before ioredis builds it.
    const atLeast = args.reduce<number>((n, a) => n + (Array.isArray(a) ? a.length : 1), 0);
    if (atLeast > BOUNDS.argsPerCommand) return { method, name: method.toUpperCase(), spec, wire: [], shown: [], keys: [], line, tooMany: atLeast };
    const { wire, shown, keyIndexes } = finalArgs(method, fromGuest(args));
    return { method, name: method.toUpperCase(), spec, wire, shown, keys: keyIndexes.map((i) => wire[i]!), line };
  }

  /** Books the commands against the run's bounds; false (and the run ends) when one is over. */
  private admit(conn: RunConnection, commands: Prepared[]): boolean {
    const over = commands.find((c) => c.tooMany !== undefined);
    const refused = over
      ? boundError(over.method, { bound: "args", limit: BOUNDS.argsPerCommand, actual: over.tooMany! }, over.line, this.deps.limits)
      : this.budget.admit(conn.id, commands);
    if (refused) this.fail(refused);
    return !refused;
  }

  private async command(conn: RunConnection, method: string, args: unknown[], line: number | null): Promise<Reply> {
    const cmd = this.prepare(method, args, line);
    const { name, keys, wire } = cmd;
    const isWrite = cmd.spec.kind === "write";
    if (!this.admit(conn, [cmd])) return NEVER;
    if (conn.client.origin === "program") await this.gate(conn, name, cmd.shown, line);
    this.count(1, line, isWrite ? wire : undefined);
    if (this.stopped()) return NEVER;
    if (method === "unwatch") this.budget.unwatch(conn.id);
    for (const k of keys) this.touched.add(k);
    const redis = await this.connection(conn);
    const ev = this.recorder.command({ client: conn.client.id, name, args: cmd.shown, line, queued: false });
    // Noted when sent, not when answered: replies on different connections arrive in any order,
    // and another client's aborted EXEC must still find the write that dirtied its key.
    const write = isWrite ? this.noteWrite(ev.seq, conn.client.id, keys) : undefined;
    const sent = performance.now();
    conn.inflight++;
    // The final list itself is sent: ioredis turns it into the same wire bytes (it is already flat strings).
    const p = callMethod(redis, method, wire) as Promise<unknown>;
    let reply: unknown;
    try {
      reply = await p;
    } catch (e) {
      if (isConnectionError(e)) throw e;
      if (isRedisOom(e)) return this.redisFull();
      const message = this.recorder.strip((e as Error).message);
      this.dropWrites(write);
      this.recorder.complete(ev, { error: message }, sent);
      return err(message);
    } finally {
      conn.inflight--;
    }
    this.recorder.complete(ev, { reply }, sent);
    if (name === "WATCH") {
      if (conn.watched.size === 0 && conn.client.origin === "program") this.attempt++;
      for (const k of keys) conn.watched.set(k, ev.seq);
    } else if (name === "UNWATCH") conn.watched.clear();
    if (conn.client.origin === "program" && cmd.spec.kind === "read") await this.maybeConflict(conn, keys);
    return { ok: reply };
  }

  private async transaction(conn: RunConnection, msg: CallMsg): Promise<Reply> {
    const queue = msg.q ?? [];
    for (const q of queue) if (!QUEUEABLE_METHODS.has(q.m)) return (this.refuse(q.m, q.l), NEVER);
    const isExec = msg.m === "exec";
    const items = queue.map((q) => this.prepare(q.m, q.a, q.l || null));
    // A queued command over a bound refuses the whole transaction before MULTI is sent.
    if (!this.admit(conn, items)) return NEVER;
    await this.gate(conn, "MULTI", [], msg.ml ?? null);
    for (const q of items) await this.gate(conn, q.name, q.shown, q.line);
    await this.gate(conn, isExec ? "EXEC" : "DISCARD", [], msg.l || null);
    const written = items.filter((q) => q.spec.kind === "write");
    this.count(2 + items.length, msg.l || null, written.flatMap((q) => q.wire));
    if (this.stopped()) return NEVER;
    this.budget.unwatch(conn.id);
    const redis = await this.connection(conn);
    const client = conn.client.id;
    const multiEv = this.recorder.command({ client, name: "MULTI", args: [], line: msg.ml || msg.l || null, queued: false });
    const queued = items.map((q) => {
      for (const k of q.keys) this.touched.add(k);
      return this.recorder.command({ client, name: q.name, args: q.shown, line: q.line, queued: true });
    });
    const endEv = this.recorder.command({ client, name: isExec ? "EXEC" : "DISCARD", args: [], line: msg.l || null, queued: false });
    const sent = performance.now();
    conn.inflight++;
    try {
      if (!isExec) {
        await Promise.all([redis.multi({ pipeline: false }), redis.discard()]);
        this.recorder.complete(multiEv, { reply: "OK" }, sent);
        for (const ev of queued) this.recorder.complete(ev, { reply: "QUEUED" }, sent);
        endEv.outcome = "discarded";
        this.recorder.complete(endEv, { reply: "OK" }, sent);
        return { ok: "OK" };
      }
      const ownWrites = queued.flatMap((ev, i) => (items[i]!.spec.kind === "write" ? [this.noteWrite(ev.seq, client, items[i]!.keys)] : []));
      const tx = redis.multi();
      for (const q of items) callMethod(tx, q.method, q.wire);
      const p = tx.exec();
      let res: [Error | null, unknown][] | null;
      try {
        res = await p;
      } catch (e) {
        if (isConnectionError(e)) throw e;
        this.dropWrites(...ownWrites);
        // EXECABORT: a command was rejected while queuing; nothing ran.
        const prev = (e as { previousErrors?: Error[] }).previousErrors ?? [];
        if (isRedisOom(e) || prev.some(isRedisOom)) return this.redisFull();
        this.recorder.complete(multiEv, { reply: "OK" }, sent);
        queued.forEach((ev, i) => this.recorder.complete(ev, prev[i] ? { error: prev[i]!.message } : { reply: "QUEUED" }, sent));
        endEv.outcome = "discarded";
        const message = this.recorder.strip((e as Error).message);
        this.recorder.complete(endEv, { error: message }, sent);
        return err(message);
      }
      if (res?.some(([e]) => isRedisOom(e))) return this.redisFull();
      this.recorder.complete(multiEv, { reply: "OK" }, sent);
      for (const ev of queued) this.recorder.complete(ev, { reply: "QUEUED" }, sent);
      if (res === null) {
        endEv.outcome = "aborted";
        this.dropWrites(...ownWrites);
        const c = this.conflictFor(conn);
        if (c) {
          endEv.conflict = c.seq;
          endEv.conflictKey = c.key;
        }
      } else endEv.outcome = "committed";
      this.recorder.complete(endEv, { reply: res }, sent);
      return { ok: res };
    } finally {
      conn.inflight--;
      conn.watched.clear();
    }
  }

  /** Redis refused a write for lack of memory: the shared server is full, which is not the learner's doing. */
  private redisFull(): Promise<never> {
    this.fail({ ...REDIS_FULL });
    return NEVER;
  }

  private noteWrite(seq: number, client: string, keys: string[]): WriteNote {
    const w = { seq, client, keys };
    this.writes.push(w);
    return w;
  }

  /** Forgets writes that did not happen (an error reply, an aborted or rejected EXEC). */
  private dropWrites(...notes: (WriteNote | undefined)[]): void {
    for (const n of notes) {
      const i = n ? this.writes.indexOf(n) : -1;
      if (i >= 0) this.writes.splice(i, 1);
    }
  }

  /** The first write by anyone after this connection's WATCH on one of its watched keys. */
  private conflictFor(conn: RunConnection): { seq: number; key: string } | undefined {
    for (const w of this.writes) {
      for (const k of w.keys) {
        const since = conn.watched.get(k);
        if (since !== undefined && w.seq > since) return { seq: w.seq, key: k };
      }
    }
    return undefined;
  }

  // ---- interference ------------------------------------------------------------------------

  /** Conflict plan: right after A reads a key it watches, on the chosen attempts, B writes it. */
  private async maybeConflict(conn: RunConnection, keys: string[]): Promise<void> {
    const plan = this.deps.plan;
    if (plan?.kind !== "conflict" || !plan.attempts.includes(this.attempt) || this.injected.has(this.attempt)) return;
    const key = keys.find((k) => conn.watched.has(k));
    if (key === undefined) return;
    this.injected.add(this.attempt);
    const write = plan.write ?? { name: "INCRBY", args: [key, 1] };
    await this.planWrite(write, `after ${conn.client.id} read ${key} on attempt ${this.attempt}`);
  }

  async planWrite(write: PlanWrite, why: string): Promise<void> {
    const method = write.name.toLowerCase();
    if (commandSpec(method)?.kind !== "write") {
      this.recorder.interference(`The plan's ${write.name} was skipped: only write commands can interfere.`);
      return;
    }
    const origin = this.deps.plan?.kind === "step" ? "instructor" : "staged";
    this.planConn ??= this.addConnection("plan", `other client (${origin})`);
    this.recorder.interference(`${this.planConn.client.id} sends ${write.name} ${write.args.join(" ")} (${why})`);
    await this.command(this.planConn, method, write.args, null);
  }

  /** Step mode: pause before each command of the program until a signal arrives. */
  private async gate(conn: RunConnection, name: string, args: unknown[], line: number | null): Promise<void> {
    const control = this.deps.control;
    if (!this.stepping || !control || conn.client.origin !== "program") return;
    const idle = (this.deps.plan?.kind === "step" && this.deps.plan.idleTimeoutMs) || 120_000;
    this.recorder.pause(conn.client.id, name, args, line);
    for (;;) {
      if (this.stopped()) return NEVER;
      const signal = await control.next(idle);
      if (this.stopped()) return NEVER;
      if (!signal) {
        this.fail({ code: "timeout", message: `Nobody stepped this run for ${Math.round(idle / 1000)} s, so it was ended. Start it again when you are ready.` });
        return NEVER;
      }
      if (signal.type === "step") return;
      if (signal.type === "resume") {
        this.stepping = false;
        return;
      }
      if (signal.type === "stop") {
        this.fail({ code: "stopped", message: "The run was stopped by the presenter." });
        return NEVER;
      }
      await this.planWrite(signal.write, "the presenter's write");
    }
  }

  // ---- plumbing ---------------------------------------------------------------------------

  private addConnection(origin: "program" | "plan", label: string): RunConnection {
    const conn: RunConnection = {
      id: this.conns.length,
      client: this.recorder.addClient(origin, label),
      closed: false,
      watched: new Map(),
      inflight: 0,
      broken: false,
    };
    this.conns.push(conn);
    return conn;
  }

  private connection(conn: RunConnection): Promise<Redis> {
    conn.acquiring ??= (async () => {
      const primed = this.takePrimed();
      const redis = await (primed ?? this.deps.pool.acquire());
      redis.options.keyPrefix = this.deps.prefix;
      conn.redis = redis;
      redis.once("close", () => {
        conn.broken = true;
        if (!this.finished) this.fail({ ...REDIS_DOWN });
      });
      // Its commands queue up behind the prepare (and its AUTH) on the same socket.
      if (primed) return redis;
      // Any other connection waits until the namespace and its user exist.
      await this.deps.ready;
      const auth = this.deps.auth;
      if (auth) {
        // Not awaited: ioredis writes commands in call order, so AUTH travels in the same round
        // trip as the connection's first command. If it failed, that command fails too (NOPERM).
        // Corked until the caller (a microtask away) has written that command: one write, not two.
        redis.stream.cork();
        process.nextTick(() => redis.stream.uncork());
        redis.auth(auth.username, auth.password).catch(() => this.fail({ ...REDIS_DOWN }));
      }
      return redis;
    })();
    return conn.acquiring;
  }

  /**
   * The prepared connection, once: the program's first connection takes it, and if the program
   * opened none, the run's end takes it to hand it back all the same.
   */
  takePrimed(): Promise<Redis> | undefined {
    const p = this.primed;
    this.primed = undefined;
    return p;
  }

  private count(n: number, line: number | null, writtenArgs?: readonly string[]): void {
    this.commands += n;
    if (this.commands > this.deps.limits.commands) {
      this.fail({ ...limitError("command_limit", this.deps.limits), line: line ?? undefined });
      return;
    }
    if (writtenArgs) {
      for (const a of writtenArgs) this.bytesWritten += Buffer.byteLength(a);
      if (this.bytesWritten > this.deps.limits.bytesWritten) this.fail({ ...limitError("write_limit", this.deps.limits), line: line ?? undefined });
    }
  }

  private delay(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms));
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    if (w) w();
    else this.changed = true;
  }
}

function err(message: string, name = "ReplyError"): Reply {
  return { err: { message, name } };
}
