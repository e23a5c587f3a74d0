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

/** Commands queued by multi(); nothing is sent until exec(). */
interface Transaction {
${methods(true)}
  /**
   * Sends MULTI, the queued commands and EXEC.
   * Resolves to null when a WATCHed key changed since WATCH (the transaction did not run).
   */
  exec(): Promise<ExecResult | null>;
  /** Drops the queued commands (sends MULTI ... DISCARD), releasing any WATCH. */
  discard(): Promise<"OK">;
}

/** A dedicated connection to the playground's Redis. WATCH state belongs to a connection. */
class Redis {
  /** Connects to the playground's Redis; options are accepted and ignored. */
  constructor(options?: unknown);
${methods(false)}
  /** Starts a transaction: queue commands, then exec(). */
  multi(): Transaction;
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
