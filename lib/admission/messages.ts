/**
 * What a learner is told when the server, not their code, is why a run did not start or finish -
 * and when their own pace is. One home for these texts (runner, grader, actions).
 */
import type { RunErrorInfo } from "../runner/types";

/** The pool's queue was full, or the run would have waited longer than the queue's bound. */
export const BUSY: RunErrorInfo = {
  code: "busy",
  message: "The playground is busy right now - your run could not start in time. This isn't your code; try again in a few seconds.",
};

/** The run started but the server was too loaded for it to make progress (see wall-charge). */
export const STARVED: RunErrorInfo = {
  code: "busy",
  message: "The playground was too busy to finish your run in time. This isn't your code; run it again in a few seconds.",
};

export type RefusalReason = "in_flight" | "per_minute" | "cpu";

/** This client's own pace: too many runs at once, too many this minute, or too much CPU lately. */
export function rateLimited(reason: RefusalReason, retryAfterMs: number, bound: number): RunErrorInfo {
  const s = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const why =
    reason === "in_flight"
      ? bound === 1 ? "you already have a run going" : `you already have ${bound} runs going at once`
      : reason === "per_minute"
        ? `at most ${bound} runs a minute`
        : "your recent runs kept the CPU busy for a long time - look for a loop that never ends";
  return { code: "rate_limited", message: `You're running code very quickly - wait ${s} s and try again (${why}).` };
}
