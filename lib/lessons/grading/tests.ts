/**
 * The grader's tests, in the order the learner sees them. Each looks at some of the scenario
 * runs and returns a failure message for the first run it fails on, or null.
 */
import { CONNECTION_CLOSED } from "../../errors";
import type { Unit } from "../types";
import type { UnitChecks } from "./checks-schema";
import { describeOutputMismatch, finalStateMismatch, outputMismatch } from "./expectation";
import { lostUpdateMessage } from "./lost-update";
import { outsideMultiFindings, retryFindings, sharedConnectionFinding, watchFindings } from "./mistakes";
import type { ScenarioRun } from "./scenarios";
import { at, commands, directWrites, keyAttempts, planWrites, transactions } from "./trace-queries";

export interface GradeContext {
  unit: Unit;
  checks: UnitChecks | null;
  source: string;
}

export interface TestSpec {
  name: string;
  /** False when the test does not apply to this unit (it is then left out, not passed). */
  applies(ctx: GradeContext): boolean;
  /** Which runs the test looks at. */
  uses(run: ScenarioRun): boolean;
  check(run: ScenarioRun, ctx: GradeContext): string | null;
}

const plainOrStaged = (r: ScenarioRun) => r.scenario.kind !== "concurrent";
const staged = (r: ScenarioRun) => r.scenario.kind === "conflict";
const stagedToAbort = (r: ScenarioRun) => staged(r) && r.scenario.expectsAbort;
const keysOf = (ctx: GradeContext) => ctx.checks?.keys ?? [];
const firstMessage = (xs: { message: string }[]) => xs[0]?.message ?? null;

export const TESTS: TestSpec[] = [
  {
    name: "Prints the expected lines",
    applies: (ctx) => ctx.unit.expected.outputIncludes.length > 0,
    uses: (r) => r.scenario.kind === "baseline",
    check: (run, ctx) => {
      const mismatch = outputMismatch(ctx.unit.expected.outputIncludes, run.result.output);
      return mismatch && describeOutputMismatch(mismatch, run.result.output);
    },
  },
  {
    name: "Ends with the expected values in Redis",
    applies: (ctx) => ctx.checks === null && Object.keys(ctx.unit.expected.finalState).length > 0,
    uses: (r) => r.scenario.kind === "baseline",
    check: (run, ctx) => finalStateMismatch(ctx.unit.expected.finalState, run.result.finalState),
  },
  {
    name: "No update is lost, even when another client writes between your read and EXEC",
    applies: (ctx) => ctx.checks !== null,
    uses: plainOrStaged,
    // A run stopped by a limit ends at an arbitrary value; "Finishes" reports it instead.
    check: (run, ctx) => (run.result.status === "timeout" || run.result.status === "limit" ? null : lostUpdateMessage(ctx.unit, ctx.checks!, run, keysOf(ctx))),
  },
  {
    name: "WATCHes the key it writes before reading it, in every attempt",
    applies: (ctx) => ctx.checks !== null,
    uses: plainOrStaged,
    check: (run, ctx) => neverWritten(run, ctx) ?? firstMessage(keysOf(ctx).flatMap((k) => watchFindings(run.result.trace, k))),
  },
  {
    name: "Writes the key only inside MULTI/EXEC",
    applies: (ctx) => ctx.checks !== null,
    uses: plainOrStaged,
    check: (run, ctx) => firstMessage(keysOf(ctx).flatMap((k) => outsideMultiFindings(run.result.trace, k))) ?? neverWritten(run, ctx),
  },
  {
    name: "When exec() returns null, reads the key again and retries",
    applies: (ctx) => ctx.checks !== null,
    uses: staged,
    check: (run, ctx) => {
      const trace = run.result.trace;
      const keys = keysOf(ctx);
      const problem = firstMessage(keys.flatMap((k) => retryFindings(trace, k)));
      if (problem) return problem;
      const aborted = keys.some((k) => keyAttempts(trace, k).some((a) => a.attempt.outcome === "aborted"));
      if (aborted || run.result.status !== "ok" || !stagedToAbort(run)) return null;
      // The staged write only happens after a read of a watched key: no abort means no such read.
      const why = firstMessage(keys.flatMap((k) => [...watchFindings(trace, k), ...outsideMultiFindings(trace, k)]));
      const wrote = keys.some((k) => planWrites(trace, k).seqs.length > 0);
      return wrote
        ? `The other client changed the key, yet none of your EXECs was aborted, so no retry happened. ${why ?? "Run MULTI/EXEC on the connection that WATCHes the key."}`
        : `The other client never got to write, because your code never read a key it was WATCHing, so your retry could not be tried. ${why ?? ""}`.trim();
    },
  },
  {
    name: "Finishes, even after several conflicts in a row",
    applies: (ctx) => ctx.checks !== null,
    uses: plainOrStaged,
    check: (run) => {
      const r = run.result;
      if (r.status === "ok") return null;
      const where = r.error?.line ? ` (line ${r.error.line})` : "";
      const message = r.error?.message ?? "it stopped early";
      if (r.status === "timeout" || r.status === "limit") return `Your retry loop did not end: ${message}`;
      return `Your program stopped with an error${where}: ${message}`;
    },
  },
  {
    name: "A rejected update writes nothing and leaves no WATCH behind",
    applies: (ctx) => (ctx.checks?.calls ?? []).some((c) => c.rejected),
    uses: plainOrStaged,
    check: (run, ctx) => rejectedMessage(run, ctx.checks!),
  },
  {
    name: "Each call uses its own connection (two calls at the same time)",
    applies: (ctx) => (ctx.checks?.concurrentCalls.length ?? 0) > 0,
    uses: (r) => r.scenario.kind === "concurrent",
    check: (run, ctx) => concurrentMessage(run, ctx),
  },
];

/** A check about how the key is written must not pass when it is never written. */
function neverWritten(run: ScenarioRun, ctx: GradeContext): string | null {
  for (const call of ctx.checks!.calls) {
    if (call.rejected || transactions(run.result.trace, call.key).length > 0) continue;
    return `Your program never writes ${call.key} inside MULTI/EXEC, so ${call.text} changes nothing. WATCH the key, read it, then queue the write between multi() and exec().`;
  }
  return null;
}

function rejectedMessage(run: ScenarioRun, checks: UnitChecks): string | null {
  const trace = run.result.trace;
  for (const key of new Set(checks.calls.filter((c) => c.rejected).map((c) => c.key))) {
    const rejected = checks.calls.filter((c) => c.key === key && c.rejected);
    const allowed = checks.calls.filter((c) => c.key === key && !c.rejected).length;
    const saved = [...transactions(trace, key).filter((t) => t.attempt.outcome === "committed").map((t) => t.exec!), ...directWrites(trace, key)];
    if (saved.length > allowed) {
      const extra = saved.sort((a, b) => a.seq - b.seq)[allowed]!;
      return `${rejected.map((c) => c.text).join(", ")} must be rejected without writing, but ${key} was written ${saved.length} times instead of ${allowed} - the extra write is at #${extra.seq}${at(extra)}. Check the new value after the read and, when it would go below zero, call unwatch() and return before multi().`;
    }
    const cmds = commands(trace);
    for (const ka of keyAttempts(trace, key)) {
      // An open attempt runs to the client's last command; QUIT closes the connection and its WATCH.
      if (ka.attempt.outcome !== "open" || ka.events.some((e) => e.name === "QUIT")) continue;
      const next = cmds.find((e) => e.client === ka.attempt.client && e.seq > ka.attempt.endSeq);
      const watch = cmds.find((e) => e.seq === ka.watchSeq);
      return `After the rejected update, connection ${ka.attempt.client} still WATCHes ${key} (left a WATCH from #${ka.watchSeq}${at(watch)}${next ? `; its next command is ${next.name} at #${next.seq}` : ""}). Release it with unwatch() before you return.`;
    }
  }
  const left = run.result.watchLeftOn ?? [];
  if (left.length > 0) {
    return `When your program ended, connection${left.length > 1 ? "s" : ""} ${left.join(", ")} still WATCHed a key (left a WATCH). Call unwatch() when you abort, and quit() connections you are done with.`;
  }
  return null;
}

function concurrentMessage(run: ScenarioRun, ctx: GradeContext): string | null {
  const checks = ctx.checks!;
  const r = run.result;
  const calls = checks.concurrentCalls.map((c) => c.text).join(" and ");
  if (r.status !== "ok") {
    const msg = r.error?.message ?? "it stopped early";
    // The guest says ioredis's words; the host adds why when it catches the call itself.
    if (msg.includes(CONNECTION_CLOSED)) {
      return `The grader called ${calls} at the same time after your program, and ${checks.functionName} used a connection that was already closed (${msg}). So it shared one connection between concurrent flows (the program's own, or one made once outside the function). Give each call its own: const conn = redis.duplicate() inside ${checks.functionName}, and quit() it at the end.`;
    }
    const outside = r.error?.line !== undefined && r.error.line > ctx.source.split("\n").length;
    return `The grader called ${calls} at the same time after your program, and that failed: ${msg}${outside ? `. Define ${checks.functionName} at the top level of your file, with the parameters the exercise names.` : ""}`;
  }
  for (const key of new Set(checks.concurrentCalls.map((c) => c.key))) {
    const shared = sharedConnectionFinding(r.trace, key);
    if (shared) return shared.message;
  }
  const lost = lostUpdateMessage(ctx.unit, checks, run, [...new Set(checks.concurrentCalls.map((c) => c.key))]);
  return lost && `With ${calls} running at the same time: ${lost}`;
}
