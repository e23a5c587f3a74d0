import { exists as redisCommandExists } from "@ioredis/commands";

/**
 * The playground's command set: the single source of truth for what learner code may send.
 * The sandbox prelude, the bridge's allowlist and the editor's type definitions all derive
 * from ALLOWED. Anything else ioredis knows is refused with a reason (see refusalReason).
 */

/** One allowed ioredis method: its signature as the editor shows it (ioredis's own shapes, simplified). */
export interface AllowedCommand {
  /** ioredis method name, lower-case, e.g. "incrby". */
  method: string;
  family: "strings" | "hashes" | "lists" | "sets" | "sorted sets" | "keys" | "transactions" | "server";
  /** TypeScript parameter list and return type, e.g. "(key: RedisKey): Promise<string | null>". */
  sig: string;
}

const K = "key: RedisKey";
const V = "value: RedisValue";
const S = "Promise<string | null>";
const N = "Promise<number>";
const L = "Promise<string[]>";

// prettier-ignore
export const ALLOWED: readonly AllowedCommand[] = [
  // strings
  { method: "get", family: "strings", sig: `(${K}): ${S}` },
  { method: "set", family: "strings", sig: `(${K}, ${V}, ...options: (string | number)[]): Promise<"OK" | string | null>` },
  { method: "setnx", family: "strings", sig: `(${K}, ${V}): ${N}` },
  { method: "setex", family: "strings", sig: `(${K}, seconds: number, ${V}): Promise<"OK">` },
  { method: "psetex", family: "strings", sig: `(${K}, milliseconds: number, ${V}): Promise<"OK">` },
  { method: "getset", family: "strings", sig: `(${K}, ${V}): ${S}` },
  { method: "getdel", family: "strings", sig: `(${K}): ${S}` },
  { method: "getex", family: "strings", sig: `(${K}, ...options: (string | number)[]): ${S}` },
  { method: "mget", family: "strings", sig: `(...keys: RedisKey[]): Promise<(string | null)[]>` },
  { method: "mset", family: "strings", sig: `(...keysAndValues: RedisValue[]): Promise<"OK">` },
  { method: "msetnx", family: "strings", sig: `(...keysAndValues: RedisValue[]): ${N}` },
  { method: "incr", family: "strings", sig: `(${K}): ${N}` },
  { method: "incrby", family: "strings", sig: `(${K}, increment: number | string): ${N}` },
  { method: "incrbyfloat", family: "strings", sig: `(${K}, increment: number | string): Promise<string>` },
  { method: "decr", family: "strings", sig: `(${K}): ${N}` },
  { method: "decrby", family: "strings", sig: `(${K}, decrement: number | string): ${N}` },
  { method: "append", family: "strings", sig: `(${K}, ${V}): ${N}` },
  { method: "strlen", family: "strings", sig: `(${K}): ${N}` },
  { method: "getrange", family: "strings", sig: `(${K}, start: number, end: number): Promise<string>` },
  { method: "setrange", family: "strings", sig: `(${K}, offset: number, ${V}): ${N}` },
  // hashes
  { method: "hget", family: "hashes", sig: `(${K}, field: string): ${S}` },
  { method: "hset", family: "hashes", sig: `(${K}, ...fieldsAndValues: (RedisValue | Record<string, RedisValue>)[]): ${N}` },
  { method: "hsetnx", family: "hashes", sig: `(${K}, field: string, ${V}): ${N}` },
  { method: "hmget", family: "hashes", sig: `(${K}, ...fields: string[]): Promise<(string | null)[]>` },
  { method: "hmset", family: "hashes", sig: `(${K}, ...fieldsAndValues: (RedisValue | Record<string, RedisValue>)[]): Promise<"OK">` },
  { method: "hgetall", family: "hashes", sig: `(${K}): Promise<Record<string, string>>` },
  { method: "hdel", family: "hashes", sig: `(${K}, ...fields: string[]): ${N}` },
  { method: "hexists", family: "hashes", sig: `(${K}, field: string): ${N}` },
  { method: "hincrby", family: "hashes", sig: `(${K}, field: string, increment: number | string): ${N}` },
  { method: "hincrbyfloat", family: "hashes", sig: `(${K}, field: string, increment: number | string): Promise<string>` },
  { method: "hkeys", family: "hashes", sig: `(${K}): ${L}` },
  { method: "hvals", family: "hashes", sig: `(${K}): ${L}` },
  { method: "hlen", family: "hashes", sig: `(${K}): ${N}` },
  { method: "hstrlen", family: "hashes", sig: `(${K}, field: string): ${N}` },
  // lists
  { method: "lpush", family: "lists", sig: `(${K}, ...values: RedisValue[]): ${N}` },
  { method: "rpush", family: "lists", sig: `(${K}, ...values: RedisValue[]): ${N}` },
  { method: "lpushx", family: "lists", sig: `(${K}, ...values: RedisValue[]): ${N}` },
  { method: "rpushx", family: "lists", sig: `(${K}, ...values: RedisValue[]): ${N}` },
  { method: "lpop", family: "lists", sig: `(${K}): ${S}` },
  { method: "rpop", family: "lists", sig: `(${K}): ${S}` },
  { method: "llen", family: "lists", sig: `(${K}): ${N}` },
  { method: "lrange", family: "lists", sig: `(${K}, start: number, stop: number): ${L}` },
  { method: "lindex", family: "lists", sig: `(${K}, index: number): ${S}` },
  { method: "lset", family: "lists", sig: `(${K}, index: number, ${V}): Promise<"OK">` },
  { method: "lrem", family: "lists", sig: `(${K}, count: number, ${V}): ${N}` },
  { method: "ltrim", family: "lists", sig: `(${K}, start: number, stop: number): Promise<"OK">` },
  { method: "lpos", family: "lists", sig: `(${K}, ${V}): Promise<number | null>` },
  { method: "lmove", family: "lists", sig: `(source: RedisKey, destination: RedisKey, from: "LEFT" | "RIGHT", to: "LEFT" | "RIGHT"): ${S}` },
  { method: "rpoplpush", family: "lists", sig: `(source: RedisKey, destination: RedisKey): ${S}` },
  // sets
  { method: "sadd", family: "sets", sig: `(${K}, ...members: RedisValue[]): ${N}` },
  { method: "srem", family: "sets", sig: `(${K}, ...members: RedisValue[]): ${N}` },
  { method: "smembers", family: "sets", sig: `(${K}): ${L}` },
  { method: "sismember", family: "sets", sig: `(${K}, member: RedisValue): ${N}` },
  { method: "smismember", family: "sets", sig: `(${K}, ...members: RedisValue[]): Promise<number[]>` },
  { method: "scard", family: "sets", sig: `(${K}): ${N}` },
  { method: "spop", family: "sets", sig: `(${K}): ${S}` },
  { method: "srandmember", family: "sets", sig: `(${K}): ${S}` },
  { method: "smove", family: "sets", sig: `(source: RedisKey, destination: RedisKey, member: RedisValue): ${N}` },
  { method: "sinter", family: "sets", sig: `(...keys: RedisKey[]): ${L}` },
  { method: "sunion", family: "sets", sig: `(...keys: RedisKey[]): ${L}` },
  { method: "sdiff", family: "sets", sig: `(...keys: RedisKey[]): ${L}` },
  // sorted sets
  { method: "zadd", family: "sorted sets", sig: `(${K}, ...scoresAndMembers: (string | number)[]): Promise<number | string | null>` },
  { method: "zrem", family: "sorted sets", sig: `(${K}, ...members: RedisValue[]): ${N}` },
  { method: "zscore", family: "sorted sets", sig: `(${K}, member: RedisValue): ${S}` },
  { method: "zincrby", family: "sorted sets", sig: `(${K}, increment: number | string, member: RedisValue): Promise<string>` },
  { method: "zcard", family: "sorted sets", sig: `(${K}): ${N}` },
  { method: "zcount", family: "sorted sets", sig: `(${K}, min: number | string, max: number | string): ${N}` },
  { method: "zrange", family: "sorted sets", sig: `(${K}, start: number | string, stop: number | string, ...options: string[]): ${L}` },
  { method: "zrevrange", family: "sorted sets", sig: `(${K}, start: number, stop: number, withScores?: "WITHSCORES"): ${L}` },
  { method: "zrangebyscore", family: "sorted sets", sig: `(${K}, min: number | string, max: number | string, ...options: (string | number)[]): ${L}` },
  { method: "zrank", family: "sorted sets", sig: `(${K}, member: RedisValue): Promise<number | null>` },
  { method: "zrevrank", family: "sorted sets", sig: `(${K}, member: RedisValue): Promise<number | null>` },
  { method: "zpopmin", family: "sorted sets", sig: `(${K}, count?: number): ${L}` },
  { method: "zpopmax", family: "sorted sets", sig: `(${K}, count?: number): ${L}` },
  // keys
  { method: "del", family: "keys", sig: `(...keys: RedisKey[]): ${N}` },
  { method: "unlink", family: "keys", sig: `(...keys: RedisKey[]): ${N}` },
  { method: "exists", family: "keys", sig: `(...keys: RedisKey[]): ${N}` },
  { method: "type", family: "keys", sig: `(${K}): Promise<string>` },
  { method: "expire", family: "keys", sig: `(${K}, seconds: number, condition?: "NX" | "XX" | "GT" | "LT"): ${N}` },
  { method: "pexpire", family: "keys", sig: `(${K}, milliseconds: number, condition?: "NX" | "XX" | "GT" | "LT"): ${N}` },
  { method: "ttl", family: "keys", sig: `(${K}): ${N}` },
  { method: "pttl", family: "keys", sig: `(${K}): ${N}` },
  { method: "persist", family: "keys", sig: `(${K}): ${N}` },
  { method: "rename", family: "keys", sig: `(${K}, newKey: RedisKey): Promise<"OK">` },
  { method: "renamenx", family: "keys", sig: `(${K}, newKey: RedisKey): ${N}` },
  // transactions (multi() and exec() are handled by the prelude's Transaction object)
  { method: "watch", family: "transactions", sig: `(...keys: RedisKey[]): Promise<"OK">` },
  { method: "unwatch", family: "transactions", sig: `(): Promise<"OK">` },
  // server basics
  { method: "ping", family: "server", sig: `(message?: string): Promise<string>` },
  { method: "echo", family: "server", sig: `(message: string): Promise<string>` },
];

export const ALLOWED_METHODS: ReadonlySet<string> = new Set(ALLOWED.map((c) => c.method));

/** Commands that may be queued inside multi(): every data command, not the transaction ones. */
export const QUEUEABLE_METHODS: ReadonlySet<string> = new Set(
  ALLOWED.filter((c) => c.family !== "transactions").map((c) => c.method),
);

const REASONS: [RegExp, string][] = [
  [/^(keys|scan|randomkey|dbsize)$/, "it looks at the whole database, which the playground shares with everyone"],
  [/^(flushall|flushdb|swapdb)$/, "it would wipe data that isn't yours"],
  [/^(eval|evalsha|eval_ro|evalsha_ro|fcall|fcall_ro|function|script)$/, "server-side scripts are outside this course - it is about WATCH, MULTI and EXEC"],
  [/^(select|move|copy|migrate|object|dump|restore|sort|sort_ro)$/, "it reaches outside your run's own keys"],
  [/^(b[lr]pop|blmove|brpoplpush|bzpop(min|max)|blmpop|bzmpop|wait|waitaof|xread|xreadgroup)$/, "blocking commands would hold a shared connection"],
  [/^(p?subscribe|p?unsubscribe|publish|pubsub|ssubscribe|sunsubscribe|spublish)$/, "pub/sub isn't part of the playground"],
  [/^(config|debug|shutdown|save|bgsave|bgrewriteaof|replicaof|slaveof|failover|module|acl|client|monitor|info|latency|memory|slowlog|command|lastsave|role|sync|psync|cluster|readonly|readwrite|hello|auth|reset|lolwut|time)$/, "it administers the Redis server"],
];

/** Learner-facing reason a known Redis command is refused. */
export function refusalReason(method: string): string {
  const m = method.toLowerCase();
  for (const [re, why] of REASONS) if (re.test(m)) return why;
  return "it isn't in the playground's command set";
}

/** Raw escape hatches of ioredis that would bypass the allowlist. */
const ESCAPE_HATCHES = new Set(["call", "sendCommand", "callBuffer", "pipeline", "defineCommand", "scanStream", "hscanStream", "sscanStream", "zscanStream", "monitor", "subscribe"]);

/**
 * What a method name means to the sandbox: 1 = allowed on a connection only, 2 = allowed on a
 * connection and inside multi(), 3 = a Redis command (or escape hatch) that is refused, 0 = not a
 * command at all (so `then`, `toJSON` ... stay undefined and a client is never thenable).
 */
export function methodKind(name: string): 0 | 1 | 2 | 3 {
  if (QUEUEABLE_METHODS.has(name)) return 2;
  if (ALLOWED_METHODS.has(name)) return 1;
  const lower = name.toLowerCase();
  if (ESCAPE_HATCHES.has(name) || (lower === name && redisCommandExists(name))) return 3;
  return 0;
}
