/**
 * Which commands write which keys - a small hand table instead of @ioredis/commands, whose
 * 100 KB command JSON would ship to the browser with the timeline. Best effort: it covers the
 * allowlisted families (strings, hashes, lists, sets, sorted sets, keys basics).
 */
import type { CommandEvent, TraceValue } from "./types";

type KeyRule = "first" | "all" | "pairs" | "firstTwo";

const WRITES: Record<string, KeyRule> = {
  SET: "first", SETNX: "first", SETEX: "first", PSETEX: "first", GETSET: "first",
  GETDEL: "first", GETEX: "first", APPEND: "first", SETRANGE: "first",
  INCR: "first", DECR: "first", INCRBY: "first", DECRBY: "first", INCRBYFLOAT: "first",
  MSET: "pairs", MSETNX: "pairs", DEL: "all", UNLINK: "all",
  EXPIRE: "first", PEXPIRE: "first", EXPIREAT: "first", PEXPIREAT: "first", PERSIST: "first",
  RENAME: "firstTwo", RENAMENX: "firstTwo", COPY: "firstTwo",
  HSET: "first", HSETNX: "first", HMSET: "first", HDEL: "first", HINCRBY: "first",
  HINCRBYFLOAT: "first",
  LPUSH: "first", RPUSH: "first", LPUSHX: "first", RPUSHX: "first", LPOP: "first",
  RPOP: "first", LSET: "first", LREM: "first", LTRIM: "first", LINSERT: "first",
  LMOVE: "firstTwo", RPOPLPUSH: "firstTwo",
  SADD: "first", SREM: "first", SPOP: "first", SMOVE: "firstTwo",
  SINTERSTORE: "first", SUNIONSTORE: "first", SDIFFSTORE: "first",
  ZADD: "first", ZREM: "first", ZINCRBY: "first", ZPOPMIN: "first", ZPOPMAX: "first",
  ZREMRANGEBYSCORE: "first", ZREMRANGEBYRANK: "first", ZREMRANGEBYLEX: "first",
  ZUNIONSTORE: "first", ZINTERSTORE: "first", ZDIFFSTORE: "first", ZRANGESTORE: "first",
};

export function isWriteCommand(name: string): boolean {
  return name in WRITES;
}

const keyText = (v: TraceValue | undefined): string | null =>
  typeof v === "string" || typeof v === "number" ? String(v) : null;

/** The keys a write command changes; [] for reads and control commands. */
export function writtenKeys(ev: Pick<CommandEvent, "name" | "args">): string[] {
  const rule = WRITES[ev.name];
  if (!rule) return [];
  const a = ev.args;
  let keys: (string | null)[];
  switch (rule) {
    case "first":
      keys = [keyText(a[0])];
      break;
    case "firstTwo":
      keys = [keyText(a[0]), keyText(a[1])];
      break;
    case "all":
      keys = a.map(keyText);
      break;
    case "pairs":
      keys = a.filter((_, i) => i % 2 === 0).map(keyText);
      break;
  }
  return keys.filter((k): k is string => k !== null);
}

/** One queued command's result inside a committed EXEC reply. */
export type ExecItem = { ok: true; value: TraceValue } | { ok: false; error: string };

/** The engine writes an Error inside an EXEC reply as `{ "error": "message" }`. */
function errorText(v: TraceValue | undefined): string | null {
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && !Array.isArray(v) && typeof v.error === "string") return v.error;
  return null;
}

/**
 * ioredis resolves `exec()` to `[[err, result], ...]`: the engine records `[null, result]` for a
 * success and `[{ error }]` (the undefined result dropped) for a command that failed at EXEC.
 * A raw trace may carry plain results. Undefined when the reply has no i-th item.
 */
export function execItem(reply: TraceValue | undefined, i: number): ExecItem | undefined {
  if (!Array.isArray(reply) || i >= reply.length) return undefined;
  const item = reply[i]!;
  if (Array.isArray(item) && (item.length === 1 || item.length === 2)) {
    if (item[0] === null) return { ok: true, value: item[1] ?? null };
    const error = errorText(item[0]);
    if (error !== null) return { ok: false, error };
  }
  const error = errorText(item);
  if (error !== null && typeof item !== "string") return { ok: false, error };
  return { ok: true, value: item };
}

/** The result of the i-th queued command, or undefined when unknown or failed. */
export function execResult(reply: TraceValue | undefined, i: number): TraceValue | undefined {
  const item = execItem(reply, i);
  return item?.ok ? item.value : undefined;
}

/** Every item of a committed EXEC reply; [] when the reply is not an array. */
export function execItems(reply: TraceValue | undefined): ExecItem[] {
  if (!Array.isArray(reply)) return [];
  return reply.map((_, i) => execItem(reply, i)!);
}
