/**
 * Type definitions of the sandbox's `ioredis` module for the editor (Monaco addExtraLib).
 * Generated from ALLOWED, so the editor offers exactly what the runner accepts: a refused or
 * misspelled command is underlined before the learner runs anything.
 */
import { ALLOWED, QUEUEABLE_METHODS } from "./allowlist";

function methods(returnSelf: boolean): string {
  return ALLOWED.filter((c) => !returnSelf || QUEUEABLE_METHODS.has(c.method))
    .map((c) => {
      const sig = returnSelf ? c.sig.replace(/\): Promise<.*>$/, "): this") : c.sig;
      return `  /** ${c.method.toUpperCase()} (${c.family}) */\n  ${c.method}${sig};`;
    })
    .join("\n");
}

export const ALLOWED_API_DTS = `declare module "ioredis" {
type RedisKey = string;
type RedisValue = string | number;
/** What exec() resolves to when the transaction ran: one [error, result] pair per queued command. */
type ExecResult = [Error | null, unknown][];

/** A command as an array: ["set", "foo", "bar"]. */
type CommandArray = [string, ...(RedisValue | RedisKey)[]];
type Callback<T> = (err: Error | null, result?: T) => void;

/** Commands queued by multi(); nothing is sent until exec(). */
interface Transaction {
${methods(true)}
  /** Queues any allowed command by name: call("SET", key, value). */
  call(name: string, ...args: (RedisValue | RedisKey)[]): this;
  /**
   * Sends MULTI, the queued commands and EXEC.
   * Resolves to null when a WATCHed key changed since WATCH (the transaction did not run).
   */
  exec(callback?: Callback<ExecResult | null>): Promise<ExecResult | null>;
  /** Queues DISCARD (as ioredis does): exec() then reports the transaction discarded. */
  discard(): this;
  /** Commands queued so far, MULTI included. */
  readonly length: number;
}

/** Commands sent together by exec(), without atomicity; each answers on its own. */
interface Pipeline {
${methods(true)}
  call(name: string, ...args: (RedisValue | RedisKey)[]): this;
  /** An inline transaction inside the pipeline: multi() ... exec() queue MULTI and EXEC. */
  multi(): this;
  discard(): this;
  /** Sends the batch; one [error, result] pair per command. */
  exec(callback?: Callback<ExecResult>): Promise<ExecResult>;
  readonly length: number;
}

/** A dedicated connection to the playground's Redis. WATCH state belongs to a connection. */
class Redis {
  /** Connects to the playground's Redis; options are accepted and ignored. */
  constructor(options?: unknown);
${methods(false)}
  /** Starts a transaction: queue commands (chained, one by one, or as an array), then exec(). */
  multi(commands?: CommandArray[]): Transaction;
  /** The client's own MULTI, sent at once: its commands answer "QUEUED" until exec() or discard(). */
  multi(options: { pipeline: false }): Promise<"OK">;
  /** Ends the client's own MULTI (see multi({ pipeline: false })). */
  exec(callback?: Callback<ExecResult | null>): Promise<ExecResult | null>;
  discard(callback?: Callback<"OK">): Promise<"OK">;
  /** A batch of commands sent together by exec(). */
  pipeline(commands?: CommandArray[]): Pipeline;
  /** Any allowed command by name: call("SET", key, value). */
  call(name: string, ...args: (RedisValue | RedisKey)[]): Promise<unknown>;
  /** "connecting", then "connect" and "ready"; "end" after quit(). */
  readonly status: string;
  /** Connection events: connect, ready, close, end ("error" never fires here: an outage ends the run). */
  on(event: string, listener: (...args: unknown[]) => void): this;
  once(event: string, listener: (...args: unknown[]) => void): this;
  off(event: string, listener: (...args: unknown[]) => void): this;
  /** A new, separate connection (its own WATCH state). */
  duplicate(): Redis;
  /** Closes this connection. */
  quit(): Promise<"OK">;
  /** Closes this connection at once. */
  disconnect(): void;
}
export default Redis;
export { Redis };
}

/** Waits the given number of milliseconds (a playground helper). */
declare function sleep(ms: number): Promise<void>;

/** The sandbox has no DOM and no Node globals: only these, besides the language itself. */
interface PlaygroundConsole {
  /** Printed to the output panel and the timeline. */
  log(...values: unknown[]): void;
  info(...values: unknown[]): void;
  warn(...values: unknown[]): void;
  error(...values: unknown[]): void;
  debug(...values: unknown[]): void;
}
declare var console: PlaygroundConsole;
declare function setTimeout<A extends unknown[]>(callback: (...args: A) => void, ms?: number, ...args: A): number;
declare function clearTimeout(id: number | undefined): void;
`;
