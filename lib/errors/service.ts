/**
 * Errors that are the playground's, never the learner's: Redis down, Redis full, the server
 * busy, an internal problem. One home for their words, so a run, a check, the race lab and the
 * CLI all say the same thing (and /api/health reports the same states).
 */
import type { PlaygroundError } from "./catalogue";

export const REDIS_DOWN: PlaygroundError<"redis_unavailable"> = {
  code: "redis_unavailable",
  message: "The playground can't reach its Redis server right now, so your program could not run to the end. This isn't a problem with your code - try again in a moment.",
};

/**
 * On a Redis Cluster: the master holding the run's slot went away or handed the slot on (a
 * failover, a moved slot) while the run used it. The run's connections can't follow (its WATCH
 * would be lost), so it ends and its leftovers are dropped.
 */
export const REDIS_NODE_LOST: PlaygroundError<"redis_unavailable"> = {
  code: "redis_unavailable",
  message: "The Redis server holding your run's data went away while your program ran (the playground's Redis is switching to a standby), so nothing of this run was kept. This isn't a problem with your code - run it again in a few seconds.",
};

/**
 * On a Redis Cluster: the run's slot moved to another master (or was being moved) while the
 * program used it (MOVED, ASK, TRYAGAIN). Its connections stay on the old master, so the run
 * ends there; a transaction cut off this way aborted before anything of it ran.
 */
export const REDIS_DATA_MOVED: PlaygroundError<"redis_unavailable"> = {
  code: "redis_unavailable",
  message: "Your run's data moved to another Redis server while your program ran (the playground's Redis was rebalancing), so the run stopped there and nothing of it was kept. A transaction that was cut off changed nothing. This isn't a problem with your code - run it again.",
};

export const REDIS_FULL: PlaygroundError<"redis_full"> = {
  code: "redis_full",
  message: "The playground's Redis is full right now, so your program could not run to the end. This isn't a problem with your code - it frees up by itself, try again in a minute.",
};

/** Something of ours failed while the program ran. */
export const INTERNAL: PlaygroundError<"internal"> = {
  code: "internal",
  message: "The playground hit an internal problem while running your program. Please run it again.",
};

/** The run never got an answer from a worker (it failed before the program ran). */
export const NOT_RUN: PlaygroundError<"internal"> = {
  code: "internal",
  message: "The playground could not run your program just now. Please try again in a moment.",
};

/** The sandbox interrupted the program, and no limit says why. */
export const INTERRUPTED: PlaygroundError<"internal"> = {
  code: "internal",
  message: "The playground stopped your program unexpectedly. Please run it again.",
};

/** The pool's queue was full, or the run would have waited longer than the queue's bound. */
export const BUSY: PlaygroundError<"busy"> = {
  code: "busy",
  message: "The playground is busy right now - your run could not start in time. This isn't your code; try again in a few seconds.",
};

/** The run started but the server was too loaded for it to make progress (see wall-charge). */
export const STARVED: PlaygroundError<"busy"> = {
  code: "busy",
  message: "The playground was too busy to finish your run in time. This isn't your code; run it again in a few seconds.",
};

/** A worker never answered within the host's deadline. */
export const STUCK: PlaygroundError<"busy"> = {
  code: "busy",
  message: "The playground is very busy and could not finish your run in time. This isn't your code; please run it again in a moment.",
};

/** A check whose runs failed without an error of their own. */
export const CHECK_NOT_RUN: PlaygroundError<"internal"> = {
  code: "internal",
  message: "Your program could not be run. Please try again in a moment.",
};

/** A unit whose checks could not be loaded. */
export const NO_CHECKS: PlaygroundError<"no_checks"> = {
  code: "no_checks",
  message: "This exercise cannot be checked right now (its checks are broken on our side).",
};

/** The browser could not reach the server at all (said by the page, not the server). */
export const SERVER_UNREACHABLE: PlaygroundError<"internal"> = {
  code: "internal",
  message: "The playground server could not be reached. Check that it is still running, then try again.",
};

/** The race lab and its live views, when Redis does not answer. */
export const RACE_REDIS_DOWN = "Redis is not answering, so no run can start. Try again in a moment.";
export const VIEW_REDIS_DOWN = "Redis is not answering. Try again in a moment.";
