/**
 * What a learner is told about their own program: what it tried that the playground doesn't
 * allow, how it ended without finishing, and what it threw.
 */
import type { PlaygroundError } from "./catalogue";

/** A Redis command the playground doesn't offer; `reason` says why (see the sandbox's allowlist). */
export function forbiddenCommand(method: string, reason: string, line: number): PlaygroundError<"forbidden_command"> {
  return {
    code: "forbidden_command",
    message: `${method.toUpperCase()} isn't allowed in the playground: ${reason}. Use the data commands (strings, hashes, lists, sets, sorted sets), key basics, WATCH/MULTI/EXEC, PING or ECHO.`,
    line: line || undefined,
  };
}

export function forbiddenImport(name: string, line: number): PlaygroundError<"forbidden_import"> {
  return { code: "forbidden_import", message: `Only "ioredis" can be imported in the playground; "${name}" isn't available here. Remove that import.`, line: line || undefined };
}

/** An error thrown inside a setTimeout callback (nobody could catch it). */
export function uncaughtInTimer(name: string, message: string, line: number, column: number): PlaygroundError<"runtime"> {
  return { code: "runtime", message: `${name}: ${message} (in a setTimeout callback)`, line: line || undefined, column: column || undefined };
}

/** What the program threw: `SyntaxError: ...` or `TypeError: ...`, at its line. */
export function thrown(name: string, message: string, line?: number, column?: number): PlaygroundError<"syntax" | "runtime"> {
  return { code: name === "SyntaxError" ? "syntax" : "runtime", message: `${name}: ${message}`, line, column };
}

export function tooMuchRecursion(line?: number, column?: number): PlaygroundError<"runtime"> {
  return { code: "runtime", message: "RangeError: too much recursion - a function keeps calling itself without stopping.", line, column };
}

/** A host function failed on what the guest gave it; the runtime can't be trusted after that. */
export const SANDBOX_FAULT: PlaygroundError<"runtime"> = {
  code: "runtime",
  message: "Your program hit a problem the sandbox could not recover from (for example a value nested too deeply to print). Simplify it and run again.",
};

/** Nothing is pending, but the program's top-level promise never settled. */
export const NEVER_RESOLVES: PlaygroundError<"runtime"> = {
  code: "runtime",
  message: "Your program is waiting for something that will never happen (a Promise that never resolves), so it was ended. Check that every Promise you await can finish.",
};

/** Replies the guest gets (as a rejected promise) for a handle that can't send. */
export const NOT_A_CONNECTION = "This is not a Redis connection. Create one with new Redis().";
/** ioredis's own words for a command on a connection that was quit (the guest says them, as Node would). */
export const CONNECTION_CLOSED = "Connection is closed.";
export const QUIT_EARLIER = `${CONNECTION_CLOSED} You called quit() on this connection earlier; use another one.`;

/** Step mode: nobody sent a signal for `idleMs`. */
export function nobodyStepped(idleMs: number): PlaygroundError<"timeout"> {
  return { code: "timeout", message: `Nobody stepped this run for ${Math.round(idleMs / 1000)} s, so it was ended. Start it again when you are ready.` };
}

export const STOPPED_BY_PRESENTER: PlaygroundError<"stopped"> = { code: "stopped", message: "The run was stopped by the presenter." };

/** The run request itself is malformed (`issue` is a one-line description of its first problem). */
export function badRequest(issue: string): PlaygroundError<"bad_request"> {
  return { code: "bad_request", message: `The run request is invalid (${issue}).` };
}

/** Source text over the size the run action accepts (`maxBytes`, the run's code limit). */
export function sourceTooLong(maxBytes: number): string {
  return `Your program is longer than ${Math.round(maxBytes / 1024)} KB. Shorten it and run again.`;
}

/**
 * A schedule's step named a lane that had nothing to send then: `step` is 1-based, `letter` the
 * lane it named, `pending` the letters that could have gone ("" when none could).
 */
export function scheduleMismatch(step: number, letter: string, pending: string): PlaygroundError<"bad_request"> {
  const could = pending ? `only ${[...pending].join(", ")} had a command waiting` : "no client had a command waiting";
  return {
    code: "bad_request",
    message: `This schedule does not fit the program: step ${step} lets client ${letter} go, but ${could}. The program may have changed since the schedule was made - start the schedule again from there.`,
  };
}

/** A run under a schedule opened more connections than there are lane letters (A-Z). */
export function tooManyLanes(): PlaygroundError<"bad_request"> {
  return { code: "bad_request", message: "A schedule can interleave at most 26 clients (A to Z), and this program opened more. Use fewer connections." };
}
