import type { RunErrorInfo, RunLimits } from "./types";

/** Generous for every lesson (unit 3's race takes ~150 ms), tight enough to protect the host. */
export const DEFAULT_LIMITS: RunLimits = {
  wallMs: 10_000,
  // Lesson programs and grader fixtures use 1-30 ms of sandbox CPU (measured on a loaded 2-core
  // machine); a busy loop holds its worker's thread - and every run sharing it - this long.
  cpuMs: 500,
  memoryBytes: 32 * 1024 * 1024,
  commands: 5_000,
  connections: 10,
  bytesWritten: 1024 * 1024,
  outputChars: 64 * 1024,
  codeChars: 64 * 1024,
};

/** Hard ceilings: a caller (race lab, grader) may raise limits up to these, never beyond. */
export const MAX_LIMITS: RunLimits = {
  wallMs: 15 * 60_000,
  cpuMs: 10_000,
  memoryBytes: 64 * 1024 * 1024,
  commands: 50_000,
  connections: 60,
  bytesWritten: 8 * 1024 * 1024,
  outputChars: 256 * 1024,
  codeChars: 64 * 1024,
};

export function resolveLimits(requested: Partial<RunLimits> = {}): RunLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const k of Object.keys(out) as (keyof RunLimits)[]) {
    const v = requested[k];
    if (typeof v === "number" && Number.isFinite(v) && v > 0) out[k] = Math.min(v, MAX_LIMITS[k]);
  }
  return out;
}

const kb = (n: number) => `${Math.round(n / 1024)} KB`;

/** The learner-facing message for each limit: what happened and what to do. */
export function limitError(code: RunErrorInfo["code"], limits: RunLimits): RunErrorInfo {
  const messages: Partial<Record<RunErrorInfo["code"], string>> = {
    timeout: `Your program ran for more than ${limits.wallMs / 1000} s, so it was stopped. Look for a retry loop that never ends or a sleep that is too long.`,
    cpu_limit: `Your program kept the CPU busy for more than ${limits.cpuMs / 1000} s, so it was stopped. Look for a loop that never ends (a while (true) without an await or a break).`,
    memory_limit: `Your program used more than ${Math.round(limits.memoryBytes / 1024 / 1024)} MB of memory, so it was stopped. Look for an array or string that keeps growing.`,
    command_limit: `Your program sent more than ${limits.commands} Redis commands, so it was stopped. A retry loop that never re-reads, or never ends, is the usual cause.`,
    connection_limit: `Your program opened more than ${limits.connections} connections, so it was stopped. Reuse a connection, or quit() the ones you are done with.`,
    write_limit: `Your program wrote more than ${kb(limits.bytesWritten)} to Redis, so it was stopped. The lessons need only small values.`,
    output_limit: `Your program printed more than ${kb(limits.outputChars)} of output, so it was stopped. Print less inside loops.`,
    code_limit: `Your code is longer than ${kb(limits.codeChars)}. Lessons need far less - remove what you don't need.`,
  };
  return { code, message: messages[code] ?? "Your program hit a playground limit and was stopped." };
}

export const LIMIT_CODES: ReadonlySet<RunErrorInfo["code"]> = new Set([
  "cpu_limit",
  "memory_limit",
  "command_limit",
  "connection_limit",
  "write_limit",
  "output_limit",
  "code_limit",
]);
