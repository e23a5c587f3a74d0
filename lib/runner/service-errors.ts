/**
 * Errors that are the playground's, never the learner's: Redis down, Redis full, the server
 * busy, an internal problem. One home for their codes and words, so a run, a check, the race
 * lab and the CLI all say the same thing (and /api/health reports the same states).
 */
import type { RunErrorInfo } from "./types";

export const REDIS_DOWN: RunErrorInfo = {
  code: "redis_unavailable",
  message: "The playground can't reach its Redis server right now, so your program could not run to the end. This isn't a problem with your code - try again in a moment.",
};

export const REDIS_FULL: RunErrorInfo = {
  code: "redis_full",
  message: "The playground's Redis is full right now, so your program could not run to the end. This isn't a problem with your code - it frees up by itself, try again in a minute.",
};

export const INTERNAL: RunErrorInfo = {
  code: "internal",
  message: "The playground hit an internal problem while running your program. Please run it again.",
};

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

/** Redis's out-of-memory refusal ("OOM command not allowed when used memory > 'maxmemory'"). */
export function isRedisOom(err: unknown): boolean {
  return err instanceof Error && err.name === "ReplyError" && err.message.startsWith("OOM ");
}
