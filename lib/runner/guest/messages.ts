/**
 * The learner-facing words of the guest API's own refusals (issue 13): an ioredis method the
 * playground doesn't offer, a Python program. Redis commands refused for safety keep their
 * words in lib/runner/commands.ts (refusalReason) - a different thing, said differently.
 */

/** `receiver` is how the object is known in ioredis's docs: redis, pipeline, multi. */
export function notOfferedMessage(receiver: string, method: string): string {
  return `\`${receiver}.${method}\` is an ioredis method the playground doesn't offer. It runs Redis commands as methods - await redis.get(key), redis.multi()...exec(), redis.call("SET", key, value) - plus duplicate(), quit() and connection events.`;
}

/** The course's own code is Python (redis-py); the playground runs the same pattern in TypeScript. */
export const PYTHON_MESSAGE =
  "This looks like Python (redis-py). The playground runs TypeScript with ioredis: see unit 1, \"Conditional updates with WATCH\", for the same pattern in TypeScript - `pipe.watch(key)` becomes `await conn.watch(key)`, `pipe.multi()` ... `pipe.execute()` becomes `await conn.multi().set(key, value).exec()`, and a `WatchError` is `exec()` resolving to `null`.";

export const TRANSACTION_SENT_MESSAGE = "This transaction was already sent. Call multi() again for a new one.";
