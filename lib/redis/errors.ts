/**
 * Telling ioredis's failures apart by type. A rejected ioredis call is either a ReplyError
 * (Redis answered with an error) or a failure of the connection itself (closed, not writeable,
 * out of retries, never opened): `asRedisFailure` turns the second kind into a
 * RedisConnectionLost at the call site, so everything downstream checks a type, not words.
 */

/** No connection could be opened (the pool's, see connection-pool.ts). */
export class RedisUnavailableError extends Error {
  constructor(cause: string) {
    super(`Redis is unavailable: ${cause}`);
    this.name = "RedisUnavailableError";
  }
}

/** A connection failed while a command was on it. */
export class RedisConnectionLost extends Error {
  constructor(cause: unknown) {
    super(`Redis connection lost: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "RedisConnectionLost";
  }
}

/**
 * On a cluster: the run's slot moved to another master (MOVED), is being moved (ASK, TRYAGAIN)
 * while the run used it. Its connection can't follow, so it counts as lost, with its own words.
 */
export class RedisSlotMoved extends RedisConnectionLost {
  constructor(cause: unknown) {
    super(cause);
    this.name = "RedisSlotMoved";
  }
}

/** Redis answered with an error (ioredis's ReplyError, EXECABORT included). */
export function isReplyError(err: unknown): err is Error {
  return err instanceof Error && err.name === "ReplyError";
}

/**
 * Cluster replies that mean the slot is not (or no longer) served on this connection's node:
 * moved or moving (MOVED, ASK), a failover under way (TRYAGAIN, CLUSTERDOWN), or the node is a
 * replica now (READONLY). A run's connection can't follow them - its WATCH stays behind - so
 * they count as the connection lost. A single server never sends them to a run.
 */
const SLOT_GONE = /^(MOVED|ASK|TRYAGAIN|CLUSTERDOWN|READONLY) /;
const SLOT_MOVING = /^(MOVED|ASK|TRYAGAIN) /;

/** A cluster's "slot not (or no longer) here" reply. */
export function isSlotGone(err: unknown): err is Error {
  return isReplyError(err) && SLOT_GONE.test(err.message);
}

/**
 * What an ioredis call rejected with, as one of the two kinds: a ReplyError stays as it is,
 * except a cluster's "slot not here", which is the connection's failure.
 */
export function asRedisFailure(err: unknown): Error {
  if (isSlotGone(err)) return SLOT_MOVING.test(err.message) ? new RedisSlotMoved(err) : new RedisConnectionLost(err);
  return isReplyError(err) || err instanceof RedisConnectionLost || err instanceof RedisUnavailableError ? err : new RedisConnectionLost(err);
}

/**
 * A cluster's "slot not here" among the errors of one batch (a pipeline's replies, a transaction's
 * queued commands), as the connection's failure; undefined when there is none. Such a batch did
 * not run where the run's keys are, so none of it is shown as if it had: the run ends.
 */
export function slotGoneIn(errors: readonly (Error | null | undefined)[]): RedisConnectionLost | undefined {
  const gone = errors.find(isSlotGone);
  return gone ? (asRedisFailure(gone) as RedisConnectionLost) : undefined;
}

/** Socket-level failures (as opposed to Redis replying with an error, or a bug of ours). */
export function isConnectionError(err: unknown): boolean {
  return err instanceof RedisConnectionLost || err instanceof RedisUnavailableError;
}

/**
 * Redis's out-of-memory refusal ("OOM command not allowed when used memory > 'maxmemory'"):
 * the error prefix is Redis's own protocol, and this is the one place that reads it.
 */
export function isRedisOom(err: unknown): boolean {
  return isReplyError(err) && err.message.startsWith("OOM ");
}
