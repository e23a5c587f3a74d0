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

/**
 * What an ioredis call rejected with, as one of the two kinds: a ReplyError stays as it is,
 * except a cluster's "slot not here", which is the connection's failure.
 */
export function asRedisFailure(err: unknown): Error {
  if (isReplyError(err) && SLOT_GONE.test(err.message)) return new RedisConnectionLost(err);
  return isReplyError(err) || err instanceof RedisConnectionLost || err instanceof RedisUnavailableError ? err : new RedisConnectionLost(err);
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
