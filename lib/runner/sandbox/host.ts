/** The sandbox's side of the contract with its host (the run's bridge session). */

/** What the sandbox asks of its host. Strings and numbers only cross. */
export interface SandboxHost {
  call(json: string): Promise<string>;
  newConnection(fromId: number, line: number): number;
  sleep(ms: number, timerId: number): Promise<boolean>;
  cancelTimer(id: number): void;
  log(level: string, text: string, line: number): void;
  refuse(method: string, line: number): void;
  badImport(name: string, line: number): void;
  uncaught(name: string, message: string, line: number, column: number): void;
  /** True once the run must end: the guest is interrupted at its next check. */
  stopped(): boolean;
  /** Called after guest jobs ran, so the host can see whether the program finished. */
  afterJobs(): void;
}

/** An error thrown in the guest, as QuickJS reports it (line and column in the transpiled program). */
export interface GuestError {
  name: string;
  message: string;
  line?: number;
  column?: number;
}

export type MainState = { state: "pending" } | { state: "fulfilled" } | { state: "rejected"; error: GuestError };

/** Placeholder host of a pre-warmed sandbox: the prelude only stores the host functions. */
export const IDLE_HOST: SandboxHost = {
  call: () => new Promise(() => {}),
  newConnection: () => -1,
  sleep: () => new Promise(() => {}),
  cancelTimer: () => {},
  log: () => {},
  refuse: () => {},
  badImport: () => {},
  uncaught: () => {},
  stopped: () => false,
  afterJobs: () => {},
};
