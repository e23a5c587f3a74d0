/**
 * What a learner is told when their program passes one of its run's limits, or a command is
 * refused by a bound before it is sent: what happened, the figure, and what to do.
 */
import type { ErrorCode, PlaygroundError } from "./catalogue";

/** A run's limits (the engine's RunLimits), which the messages name. */
export interface LimitFigures {
  /** Wall-clock time for the whole run, ms. */
  wallMs: number;
  /** CPU time spent inside the sandbox, ms. */
  cpuMs: number;
  /** Sandbox heap, bytes. */
  memoryBytes: number;
  /** Redis commands the program may send. */
  commands: number;
  /** Connections (new Redis() / duplicate()) the program may open. */
  connections: number;
  /** Bytes of arguments sent in write commands. */
  bytesWritten: number;
  /** Bytes the run's writes may make Redis hold (keys, values, per-entry overhead, offsets), an upper bound. */
  redisBytes: number;
  /** Bytes of replies (as JSON) the program may receive over the whole run. */
  replyBytes: number;
  /** Characters of console output. */
  outputChars: number;
  /** Characters of source code. */
  codeChars: number;
}

/** Which bound a refused command would have crossed. */
export type BoundName = "args" | "value" | "offset" | "count" | "watch-connection" | "watch-run" | "memory";

/** A command refused by a bound (lib/commands): which one, the bound and what the command asked for. */
export interface Refusal {
  bound: BoundName;
  /** The bound, in its unit (arguments, bytes, keys). */
  limit: number;
  /** What the command asked for, in the same unit. */
  actual: number;
}

/** Codes that mean "the program passed a limit" (a run's status "limit"). */
export const LIMIT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "cpu_limit",
  "memory_limit",
  "command_limit",
  "connection_limit",
  "write_limit",
  "output_limit",
  "code_limit",
  "command_bound",
  "reply_limit",
]);

const kb = (n: number) => `${Math.round(n / 1024)} KB`;
/** A measured size, never rounded down onto the bound it crossed: "64.1 KB", "300 bytes". */
const size = (n: number) => (n < 1024 ? `${n} bytes` : `${Math.ceil((n / 1024) * 10) / 10} KB`);

/** The learner-facing message for each limit: what happened and what to do. */
export function limitError<C extends ErrorCode>(code: C, limits: LimitFigures): PlaygroundError<C> {
  const messages: Partial<Record<ErrorCode, string>> = {
    timeout: `Your program ran for more than ${limits.wallMs / 1000} s, so it was stopped. Look for a retry loop that never ends or a sleep that is too long.`,
    cpu_limit: `Your program kept the CPU busy for more than ${limits.cpuMs / 1000} s, so it was stopped. Look for a loop that never ends (a while (true) without an await or a break).`,
    memory_limit: `Your program used more than ${Math.round(limits.memoryBytes / 1024 / 1024)} MB of memory, so it was stopped. Look for an array or string that keeps growing.`,
    command_limit: `Your program sent more than ${limits.commands} Redis commands, so it was stopped. A retry loop that never re-reads, or never ends, is the usual cause.`,
    connection_limit: `Your program opened more than ${limits.connections} connections, so it was stopped. Reuse a connection, or quit() the ones you are done with.`,
    write_limit: `Your program wrote more than ${kb(limits.bytesWritten)} to Redis, so it was stopped. The lessons need only small values.`,
    output_limit: `Your program printed more than ${kb(limits.outputChars)} of output, so it was stopped. Print less inside loops.`,
    code_limit: `Your code is longer than ${kb(limits.codeChars)}. Lessons need far less - remove what you don't need.`,
    reply_limit: `Your program received more than ${kb(limits.replyBytes)} of replies from Redis, so it was stopped. Reading a large value many times, or a whole list or hash inside a loop, is the usual cause - read only what you need.`,
  };
  return { code, message: messages[code] ?? "Your program hit a playground limit and was stopped." };
}

/**
 * A command refused before it was sent ("command_bound"): names the command, the bound and the
 * line, and says what to do. Redis never saw it.
 */
export function boundError(command: string, r: Refusal, line: number | null, limits: Pick<LimitFigures, "redisBytes">): PlaygroundError<"command_bound"> {
  const cmd = `${command.toUpperCase()}${line ? ` on line ${line}` : ""}`;
  const messages: Record<BoundName, string> = {
    args: `${cmd} has ${r.actual} arguments, more than the ${r.limit} one command may have, so it was not sent. Split it into smaller commands - the lessons need only a few arguments.`,
    value: `${cmd} would store a value of ${size(r.actual)}, more than the ${kb(r.limit)} one value may have, so it was not sent. The lessons need only small values.`,
    offset: `${cmd} would make a string of ${size(r.actual)} (offset plus value), more than the ${kb(r.limit)} one value may have, so it was not sent. Use a smaller offset.`,
    count: `${cmd} asks for ${r.actual} items, more than the ${r.limit} one command may ask for, so it was not sent. Ask for fewer at a time.`,
    "watch-connection": `${cmd} would make one connection watch ${r.actual} keys, more than the ${r.limit} it may watch at once, so it was not sent. Watch only the keys your transaction reads - usually one or two.`,
    "watch-run": `${cmd} would make your connections watch ${r.actual} keys together, more than the ${r.limit} a run may watch at once, so it was not sent. Watch only the keys your transactions read.`,
    memory: `${cmd} would make Redis hold about ${size(r.actual)} for your run, more than the ${kb(limits.redisBytes)} a run may use, so it was not sent. The lessons need only small values - look for a loop that keeps adding data.`,
  };
  return { code: "command_bound", message: messages[r.bound], ...(line ? { line } : {}) };
}

/** One reply larger than a run may receive at once ("reply_limit"); `maxBytes` is that bound. */
export function replyTooLarge(command: string, bytes: number, line: number | null, maxBytes: number): PlaygroundError<"reply_limit"> {
  return {
    code: "reply_limit",
    message: `The reply to ${command.toUpperCase()}${line ? ` on line ${line}` : ""} was ${size(bytes)}, more than the ${kb(maxBytes)} one reply may be, so the run was stopped. Read a part of the data (a range, a few fields) instead of all of it.`,
    ...(line ? { line } : {}),
  };
}
