/**
 * Every error the playground can answer with, by code: a short title (the CLI's heading, logs),
 * the HTTP status a route answers it with, and whose doing it is. The learner-facing words live
 * beside it (service.ts, limits.ts, program.ts, pace.ts). This package imports nothing from the
 * rest of lib/: runs, checks, the race lab, the routes and the CLI all build on it.
 */

/** Whose doing an error is: the learner's program, or the playground (never blame the learner for it). */
export type Fault = "program" | "playground" | "request";

interface ErrorEntry {
  title: string;
  status: number;
  fault: Fault;
}

export const ERROR_CATALOGUE = {
  syntax: { title: "Syntax error", status: 422, fault: "program" },
  runtime: { title: "Runtime error", status: 422, fault: "program" },
  forbidden_command: { title: "Command not allowed", status: 422, fault: "program" },
  forbidden_import: { title: "Import not allowed", status: 422, fault: "program" },
  timeout: { title: "Time limit", status: 422, fault: "program" },
  cpu_limit: { title: "CPU limit", status: 422, fault: "program" },
  memory_limit: { title: "Memory limit", status: 422, fault: "program" },
  command_limit: { title: "Command limit", status: 422, fault: "program" },
  connection_limit: { title: "Connection limit", status: 422, fault: "program" },
  write_limit: { title: "Write limit", status: 422, fault: "program" },
  output_limit: { title: "Output limit", status: 422, fault: "program" },
  code_limit: { title: "Code too long", status: 413, fault: "program" },
  /** A command refused before it was sent: too many arguments or watched keys, a value or offset too large, or more memory than the run's budget. */
  command_bound: { title: "Command refused", status: 422, fault: "program" },
  /** The replies the program received exceeded the run's byte budget. */
  reply_limit: { title: "Reply limit", status: 422, fault: "program" },
  stopped: { title: "Stopped", status: 409, fault: "request" },
  bad_request: { title: "Bad request", status: 400, fault: "request" },
  invalid_request: { title: "Bad request", status: 400, fault: "request" },
  /** This client has too many runs in flight or used up its runs per minute. */
  rate_limited: { title: "Too many runs", status: 429, fault: "request" },
  redis_unavailable: { title: "Redis unavailable", status: 503, fault: "playground" },
  /** Redis answered out-of-memory: the shared server is full. */
  redis_full: { title: "Redis full", status: 503, fault: "playground" },
  /** The server is saturated: the run could not start or finish in time. */
  busy: { title: "Busy", status: 503, fault: "playground" },
  internal: { title: "Internal problem", status: 500, fault: "playground" },
  /** A unit whose checks are broken on our side. */
  no_checks: { title: "Cannot check", status: 500, fault: "playground" },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** An error as a run, a check or a route reports it. */
export interface PlaygroundError<C extends ErrorCode = ErrorCode> {
  /** Stable code for UI, grader and CLI. */
  code: C;
  /** Learner-facing: what happened and what to do. No host paths, prefixes or host stacks. */
  message: string;
  /** 1-based line and column in the learner's source, when known. */
  line?: number;
  column?: number;
}

export function errorEntry(code: ErrorCode): ErrorEntry {
  return ERROR_CATALOGUE[code];
}

/** The HTTP status a route answers this error with. */
export function httpStatus(code: ErrorCode): number {
  return ERROR_CATALOGUE[code].status;
}

/** Whether an answer with this code tells the learner their program is at fault (a limit, a refusal, its own error). */
export function blamesProgram(code: string): boolean {
  return Object.hasOwn(ERROR_CATALOGUE, code) && ERROR_CATALOGUE[code as ErrorCode].fault === "program";
}
