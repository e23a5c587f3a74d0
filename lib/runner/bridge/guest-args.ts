/**
 * What crosses the string-only bridge in either direction: the guest's arguments (JSON, with
 * Maps tagged) and the ioredis method that sends them.
 */
import type Redis from "ioredis";

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

/** Sends a command through ioredis's own method, so argument and reply handling are ioredis's. */
export function callMethod(redis: Redis | ReturnType<Redis["multi"]>, method: string, args: unknown[]): unknown {
  const fn = (redis as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
  if (typeof fn !== "function") throw new Error(`unknown method ${method}`);
  return fn.apply(redis, args);
}

/** A guest call as the prelude sends it: connection, method, arguments, line (and a transaction's queue). */
export type CallMsg = { c: number; m: string; a?: unknown[]; q?: { m: string; a: unknown[]; l: number }[]; l: number; ml?: number };

/** What the guest gets back: ioredis's reply, or the error Redis (or the bridge) answered with. */
export type Reply = { ok: unknown } | { err: { message: string; name: string; previous?: (string | null)[] } };

export function errReply(message: string, name = "ReplyError"): Reply {
  return { err: { message, name } };
}

/** Never settles: answered once the run is over, so the guest just stops. */
export const NEVER = new Promise<never>(() => {});
