/**
 * The trace contract: one shape for the runner, the timeline, the grader and the race lab.
 * Isomorphic and I/O-free, so it can be imported from server and client code alike.
 */

/** A connection as the learner sees it: "A", "B", ... in creation order. */
export interface TraceClient {
  /** Single upper-case letter in creation order. */
  id: string;
  /** Who owns it, in learner words: "your connection", "other client (staged)". */
  label: string;
  /** "program" = opened by learner code; "plan" = the interference client. */
  origin: "program" | "plan";
}

/** A value the learner sees: replies and arguments as plain JSON. */
export type TraceValue = string | number | boolean | null | TraceValue[] | { [key: string]: TraceValue };

interface EventBase {
  /** Order in which the bridge observed the event, from 1. */
  seq: number;
  /** Milliseconds since the run started. */
  at: number;
}

/** One Redis command as the learner issued it (no key prefix, long values truncated). */
export interface CommandEvent extends EventBase {
  kind: "command";
  /** TraceClient.id of the connection that sent it. */
  client: string;
  /** Upper-case command name, e.g. "WATCH". */
  name: string;
  args: TraceValue[];
  /** The reply as the learner's code received it; undefined while pending or on error. */
  reply?: TraceValue;
  /** The error message the learner's code saw, if the command failed. */
  error?: string;
  /** The learner's 1-based source line that issued the command; null for plan commands. */
  line: number | null;
  /** True when the command was queued inside MULTI ... EXEC. */
  queued: boolean;
  /** Commands sent together in one pipeline() share this: the seq of the pipeline's first command. */
  batch?: number;
  /** Milliseconds from send to reply. */
  durationMs?: number;
  /** Only on EXEC: what happened to the transaction. */
  outcome?: "committed" | "aborted" | "discarded";
  /** Only on an aborted EXEC: seq of the other client's write that dirtied a watched key. */
  conflict?: number;
  /** Only on an aborted EXEC: the watched key that was changed. */
  conflictKey?: string;
}

/** A line the learner's code printed. */
export interface ConsoleEvent extends EventBase {
  kind: "console";
  level: "log" | "error" | "warn" | "info";
  text: string;
  line: number | null;
}

/** The interference plan did something (or the race lab did). */
export interface InterferenceEvent extends EventBase {
  kind: "interference";
  /** Human text: "B writes balance:1 after A's read (attempt 1)". */
  text: string;
}

/** Step mode: the run paused before one of A's commands and waits for a signal. */
export interface PauseEvent extends EventBase {
  kind: "pause";
  client: string;
  /** The command that will be sent when stepped. */
  name: string;
  args: TraceValue[];
  line: number | null;
}

/** The run ended; always the last event of a complete trace. */
export interface EndEvent extends EventBase {
  kind: "end";
  status: RunStatus;
  message?: string;
}

export type TraceEvent = CommandEvent | ConsoleEvent | InterferenceEvent | PauseEvent | EndEvent;

export type RunStatus = "ok" | "error" | "timeout" | "limit";

export interface Trace {
  /** Bumped when the event shapes change incompatibly. */
  version: 1;
  clients: TraceClient[];
  events: TraceEvent[];
  /** True when events were dropped because the run hit the trace size limit. */
  truncated: boolean;
}
