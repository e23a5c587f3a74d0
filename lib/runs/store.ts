/**
 * The shared-run store in Redis (any instance can serve any link): compressed runs under
 * unguessable ids for 24 h, bounded per run, per client and as a whole (./budget.ts).
 */
import type { ServiceRedis } from "@/lib/redis/service-client";
import { isRedisOom } from "@/lib/redis/errors";
import { randomToken } from "@/lib/redis/random-token";
import {
  CLIENT_MAX_SHARED_BYTES,
  CLIENT_MAX_SHARED_RUNS,
  MAX_STORED_RUN_BYTES,
  accountedBytes,
  PURGE_BATCH,
  SHARED_RUN_TTL_MS,
  SHARED_RUNS_BUDGET_BYTES,
} from "./budget";
import { compress, decompress } from "./codec";
import { SHARED_KEYS, sharedRunKey } from "./keys";
import { SHARED_RUN_ID_BYTES, SHARED_RUN_ID_PATTERN } from "./share-types";
import type { SharedRun } from "./shared-run";
import { STORE_SCRIPT } from "./store-script";

export type StoreRefusal = "too_large" | "client_full" | "redis_full";
export type StoreResult = { ok: true; id: string; bytes: number } | { ok: false; reason: StoreRefusal };

/** Overridable for tests, which prove each bound with small numbers. */
export interface StoreBounds {
  ttlMs: number;
  maxRunBytes: number;
  clientMaxRuns: number;
  clientMaxBytes: number;
  budgetBytes: number;
}

export const STORE_BOUNDS: StoreBounds = {
  ttlMs: SHARED_RUN_TTL_MS,
  maxRunBytes: MAX_STORED_RUN_BYTES,
  clientMaxRuns: CLIENT_MAX_SHARED_RUNS,
  clientMaxBytes: CLIENT_MAX_SHARED_BYTES,
  budgetBytes: SHARED_RUNS_BUDGET_BYTES,
};

/** Stores a verified run's text for `client`; the oldest shares make room when the store is full. */
export async function storeSharedRun(redis: ServiceRedis, text: string, client: string, now = Date.now(), bounds = STORE_BOUNDS): Promise<StoreResult> {
  const blob = compress(text);
  if (blob.byteLength > bounds.maxRunBytes) return { ok: false, reason: "too_large" };
  const id = randomToken(SHARED_RUN_ID_BYTES, "base64url");
  const size = accountedBytes(blob.byteLength);
  const k = SHARED_KEYS;
  try {
    const [stored, why] = (await redis.eval(
      STORE_SCRIPT,
      6,
      k.order,
      k.meta,
      k.clientRuns,
      k.clientBytes,
      k.bytes,
      sharedRunKey(id),
      id,
      blob,
      now,
      bounds.ttlMs,
      client,
      size,
      bounds.clientMaxRuns,
      bounds.clientMaxBytes,
      bounds.budgetBytes,
      k.runPrefix,
      PURGE_BATCH,
    )) as [number, number];
    if (stored === 1) return { ok: true, id, bytes: size };
    return { ok: false, reason: why === 1 ? "client_full" : "too_large" };
  } catch (e) {
    if (isRedisOom(e)) return { ok: false, reason: "redis_full" };
    throw e;
  }
}

export interface LoadedRun {
  run: SharedRun;
  /** Epoch ms when the link stops working. */
  expiresAt: number;
}

/** The shared run under `id`, or null when it expired, was evicted or never existed. */
export async function loadSharedRun(redis: ServiceRedis, id: string, now = Date.now()): Promise<LoadedRun | null> {
  if (!SHARED_RUN_ID_PATTERN.test(id)) return null;
  const res = await redis.multi().getBuffer(sharedRunKey(id)).pttl(sharedRunKey(id)).exec();
  const blob = res?.[0]?.[1] as Buffer | null | undefined;
  const ttl = Number(res?.[1]?.[1]);
  if (!blob) return null;
  // The text was verified as ours when it was stored; a damaged record reads as gone.
  try {
    return { run: JSON.parse(decompress(blob)) as SharedRun, expiresAt: now + Math.max(0, ttl) };
  } catch {
    return null;
  }
}

/** Accounted bytes of the whole store (what the budget compares). */
export async function storedBytes(redis: ServiceRedis): Promise<number> {
  return Number((await redis.get(SHARED_KEYS.bytes)) ?? 0);
}
