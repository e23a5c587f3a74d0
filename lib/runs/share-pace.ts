/**
 * How often one client may press "Share this run": a fixed window per client, counted in Redis
 * so every instance sees the same count (a browser may reach any of them). A learner shares a
 * run now and then; a script sending shares as fast as it can would otherwise make the server
 * decompress, verify and store (evicting others' older shares) at its pace.
 */
import type { ServiceRedis } from "../redis/service-client";
import { sharePaceKey } from "./keys";

export interface SharePace {
  /** Shares a client may ask for per window... */
  perWindow: number;
  /** ...of this many ms, counted from its first share in the window. */
  windowMs: number;
}

export const SHARE_PACE: SharePace = { perWindow: 10, windowMs: 60_000 };

export type ShareTurn = { ok: true } | { ok: false; retryAfterMs: number; bound: number };

/** Counts this share request for `client`, or says when it may share again. */
export async function takeShareTurn(redis: ServiceRedis, client: string, pace: SharePace = SHARE_PACE): Promise<ShareTurn> {
  const key = sharePaceKey(client);
  // The expiry is set only by the window's first request (NX), so the window does not slide.
  const res = await redis.multi().incr(key).pexpire(key, pace.windowMs, "NX").pttl(key).exec();
  const count = Number(res?.[0]?.[1]);
  const ttl = Number(res?.[2]?.[1]);
  if (Number.isFinite(count) && count <= pace.perWindow) return { ok: true };
  return { ok: false, retryAfterMs: ttl > 0 ? ttl : pace.windowMs, bound: pace.perWindow };
}
