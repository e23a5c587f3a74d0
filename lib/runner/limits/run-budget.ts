/**
 * One run's share of the shared Redis, checked before each command is sent: the bounds on its
 * arguments, the keys its connections watch, the memory its writes make Redis hold, and the
 * replies it receives. Every figure comes from the final argument list (lib/commands/wire).
 */
import { BOUNDS, type Refusal } from "../../commands/bounds";
import { argumentRefusal, HeldBytes } from "../../commands/cost";
import type { CommandSpec } from "../../commands/spec";
import { boundError, limitError, replyTooLarge } from "./messages";
import type { RunErrorInfo, RunLimits } from "../types";

/** A command about to be sent: its catalogue entry, final arguments and the keys among them. */
export interface Outgoing {
  spec: CommandSpec;
  wire: readonly string[];
  keys: readonly string[];
  line: number | null;
}

export class RunBudget {
  private readonly held = new HeldBytes();
  /** Keys each connection watches from the moment its WATCH is sent (Redis runs a connection's commands in order). */
  private readonly watching = new Map<number, Set<string>>();
  private replies = 0;

  constructor(private readonly limits: RunLimits) {}

  /**
   * Checks the commands one connection is about to send (one, or a whole transaction) and, when
   * all fit, books them. The error names the first command over a bound; nothing is booked then.
   */
  admit(connId: number, commands: readonly Outgoing[]): RunErrorInfo | null {
    for (const c of commands) {
      const r = argumentRefusal(c.spec, c.wire);
      if (r) return boundError(c.spec.method, r, c.line, this.limits);
    }
    const watches = commands.filter((c) => c.spec.method === "watch");
    let watched: Set<string> | undefined;
    if (watches.length > 0) {
      watched = new Set(this.watching.get(connId));
      for (const w of watches) {
        for (const k of w.keys) watched.add(k);
        const refusal = this.watchRefusal(connId, watched.size);
        if (refusal) return boundError("watch", refusal, w.line, this.limits);
      }
    }
    const writes = commands.filter((c) => c.spec.kind === "write");
    if (writes.length > 0) {
      const planned = this.held.plan(writes, this.limits.redisBytes);
      if ("refusal" in planned) return boundError(writes[planned.at]!.spec.method, planned.refusal, writes[planned.at]!.line, this.limits);
      this.held.commit(planned);
    }
    if (watched) this.watching.set(connId, watched);
    return null;
  }

  /** EXEC, DISCARD, UNWATCH or quit() was sent on the connection: it watches nothing from there on. */
  unwatch(connId: number): void {
    this.watching.delete(connId);
  }

  /** Counts a reply handed to the program; the error when it is too large or the run received too much. */
  reply(command: string, bytes: number, line: number | null): RunErrorInfo | null {
    if (bytes > BOUNDS.replyBytes) return replyTooLarge(command, bytes, line);
    this.replies += bytes;
    if (this.replies > this.limits.replyBytes) return { ...limitError("reply_limit", this.limits), ...(line ? { line } : {}) };
    return null;
  }

  private watchRefusal(connId: number, onThis: number): Refusal | null {
    if (onThis > BOUNDS.watchedPerConnection) return { bound: "watch-connection", limit: BOUNDS.watchedPerConnection, actual: onThis };
    let all = onThis;
    for (const [id, keys] of this.watching) if (id !== connId) all += keys.size;
    if (all > BOUNDS.watchedPerRun) return { bound: "watch-run", limit: BOUNDS.watchedPerRun, actual: all };
    return null;
  }
}
