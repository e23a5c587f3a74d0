/** Socket-level failures (as opposed to Redis replying with an error). */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return true;
  if (err.name === "ReplyError") return false;
  return /connection|stream isn't writeable|ECONN|EPIPE|ETIMEDOUT|max retries|closed|Redis is unavailable/i.test(err.message) || err.name === "MaxRetriesPerRequestError";
}
