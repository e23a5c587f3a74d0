/**
 * Globals the sandbox provides besides `ioredis` (lib/runner/prelude.ts: console, timers).
 * The editor uses lib "es2022" without DOM, so fetch/document are type errors as they are at
 * run time, and these few are declared here. Skipped if the runner's d.ts declares them.
 */
export const SANDBOX_GLOBALS_PATH = "file:///playground-globals.d.ts";

export const SANDBOX_GLOBALS_DTS = `
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

export function needsSandboxGlobals(apiDts: string): boolean {
  return !/\bconsole\s*:/.test(apiDts) && !/\bvar console\b/.test(apiDts);
}
