import type Redis from "ioredis";
import type { TraceClient } from "../trace/types";

/** One connection as the run sees it: lent from the pool on first use, per-connection WATCH state. */
export interface RunConnection {
  /** Index in the run's connection table (what the guest holds). */
  id: number;
  client: TraceClient;
  redis?: Redis;
  acquiring?: Promise<Redis>;
  /** quit() was called by the program. */
  closed: boolean;
  /** Watched keys (learner names) -> seq of the WATCH that added them. */
  watched: Map<string, number>;
  /** Commands sent and not yet answered: such a connection is not reused. */
  inflight: number;
  /** The socket dropped during the run. */
  broken: boolean;
}

/** Sends a command through ioredis's own method, so argument and reply handling are ioredis's. */
export function callMethod(redis: Redis | ReturnType<Redis["multi"]>, method: string, args: unknown[]): unknown {
  const fn = (redis as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
  if (typeof fn !== "function") throw new Error(`unknown method ${method}`);
  return fn.apply(redis, args);
}

/**
 * How the guest sends a Map through the JSON bridge (see the prelude's encodeArgs): ioredis
 * accepts Maps for mset/msetnx/hset/hmset, and JSON would turn one into {}.
 */
export const MAP_TAG = "__playgroundMap";

/** The guest's arguments with its Maps back as Maps (at the top level and one array down, where ioredis looks). */
export function fromGuest(args: readonly unknown[]): unknown[] {
  const revive = (v: unknown): unknown => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const entries = (v as Record<string, unknown>)[MAP_TAG];
      if (Array.isArray(entries) && Object.keys(v).length === 1) return new Map(entries.filter((e): e is [unknown, unknown] => Array.isArray(e) && e.length === 2));
    }
    return v;
  };
  return args.map((a) => (Array.isArray(a) ? a.map(revive) : revive(a)));
}

/** Socket-level failures (as opposed to Redis replying with an error). */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return true;
  if (err.name === "ReplyError") return false;
  return /connection|stream isn't writeable|ECONN|EPIPE|ETIMEDOUT|max retries|closed|Redis is unavailable/i.test(err.message) || err.name === "MaxRetriesPerRequestError";
}
