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

/** ioredis expands an object argument of these into field/value pairs; the trace does the same. */
const OBJECT_ARG_METHODS = new Set(["hset", "hmset", "mset", "msetnx"]);

/** Arguments as they go on the wire (minus the prefix): arrays flattened, objects expanded. */
export function flatArgs(method: string, args: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const a of args) {
    if (Array.isArray(a)) out.push(...a);
    else if (a && typeof a === "object" && OBJECT_ARG_METHODS.has(method)) for (const [k, v] of Object.entries(a)) out.push(k, v);
    else out.push(a);
  }
  return out;
}

/** Socket-level failures (as opposed to Redis replying with an error). */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return true;
  if (err.name === "ReplyError") return false;
  return /connection|stream isn't writeable|ECONN|EPIPE|ETIMEDOUT|max retries|closed|Redis is unavailable/i.test(err.message) || err.name === "MaxRetriesPerRequestError";
}
