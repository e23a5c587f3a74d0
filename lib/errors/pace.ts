/**
 * What a learner is told when their own pace is why a run did not start. The server's own
 * reasons (busy, starved) are in service.ts.
 */
import type { PlaygroundError } from "./catalogue";

export type RefusalReason = "in_flight" | "per_minute" | "cpu";

/** This client's own pace: too many runs at once, too many this minute, or too much CPU lately. */
export function rateLimited(reason: RefusalReason, retryAfterMs: number, bound: number): PlaygroundError<"rate_limited"> {
  const s = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const why =
    reason === "in_flight"
      ? bound === 1 ? "you already have a run going" : `you already have ${bound} runs going at once`
      : reason === "per_minute"
        ? `at most ${bound} runs a minute`
        : "your recent runs kept the CPU busy for a long time - look for a loop that never ends";
  return { code: "rate_limited", message: `You're running code very quickly - wait ${s} s and try again (${why}).` };
}

/** Added to a CPU-limit error when the run had a shorter limit than usual because of its client's share. */
export const CPU_SHARE_NOTE =
  "This run had less CPU time than usual: this browser's recent runs used most of its share. The share refills in a few seconds.";
