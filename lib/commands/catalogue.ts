/**
 * The playground's command catalogue: every command learner code may send, once. The sandbox
 * allowlist and prelude, the ACL rules, the editor's types, the bounds, the trace analysis and
 * the grader all derive from it. Plain data (see spec.ts), safe to ship to the browser.
 */
import type { ArgForm, CommandKind, CommandSpec, CostClass, Family, HoldEffect, KeyRule, StoreRule } from "./spec";

const K = "key: RedisKey";
const V = "value: RedisValue";
const S = "Promise<string | null>";
const N = "Promise<number>";
const L = "Promise<string[]>";
/** ioredis's object and Map forms: mset({ a: 1 }), hset(key, new Map([["f", "v"]])). */
const PAIRS = "(RedisValue | Record<string, RedisValue> | Map<string, RedisValue>)[]";

interface Extra {
  keys?: KeyRule;
  stores?: StoreRule;
  holds?: HoldEffect;
  cost?: CostClass[];
  forms?: ArgForm[];
  counter?: CommandSpec["counter"];
  sizeArg?: number;
}

function c(method: string, family: Family, kind: CommandKind, sig: string, x: Extra = {}): CommandSpec {
  return { method, family, sig, kind, keys: x.keys ?? "first", stores: x.stores, holds: x.holds, cost: x.cost ?? [], forms: x.forms ?? [], counter: x.counter, sizeArg: x.sizeArg };
}

const one = (i: number): StoreRule => ({ from: i, to: i });
const rest: StoreRule = { from: 1 };
const keyValuePairs = { keys: "pairs", stores: { from: 1, step: 2 }, holds: "replace", cost: ["multi-key"], forms: ["object", "map", "nested"] } as const satisfies Extra;
const fieldValuePairs = { stores: rest, holds: "add", forms: ["object", "map", "nested"] } as const satisfies Extra;
const pushes = { stores: rest, holds: "add", forms: ["nested"] } as const satisfies Extra;
const manyKeys = { keys: "all", cost: ["multi-key"], forms: ["nested"] } as const satisfies Extra;
const grows = { cost: ["reply-grows"] } as const satisfies Extra;
const counted = { cost: ["count"], sizeArg: 1 } as const satisfies Extra;

// prettier-ignore
export const CATALOGUE: readonly CommandSpec[] = [
  // strings
  c("get", "strings", "read", `(${K}): ${S}`),
  c("set", "strings", "write", `(${K}, ${V}, ...options: (string | number)[]): Promise<"OK" | string | null>`, { stores: one(1), holds: "replace" }),
  c("setnx", "strings", "write", `(${K}, ${V}): ${N}`, { stores: one(1), holds: "replace" }),
  c("setex", "strings", "write", `(${K}, seconds: number, ${V}): Promise<"OK">`, { stores: one(2), holds: "replace" }),
  c("psetex", "strings", "write", `(${K}, milliseconds: number, ${V}): Promise<"OK">`, { stores: one(2), holds: "replace" }),
  c("getset", "strings", "write", `(${K}, ${V}): ${S}`, { stores: one(1), holds: "replace" }),
  c("getdel", "strings", "write", `(${K}): ${S}`, { holds: "delete" }),
  c("getex", "strings", "write", `(${K}, ...options: (string | number)[]): ${S}`),
  c("mget", "strings", "read", `(...keys: RedisKey[]): Promise<(string | null)[]>`, { ...manyKeys, cost: ["multi-key", "reply-grows"] }),
  c("mset", "strings", "write", `(...keysAndValues: ${PAIRS}): Promise<"OK">`, keyValuePairs),
  c("msetnx", "strings", "write", `(...keysAndValues: ${PAIRS}): ${N}`, keyValuePairs),
  c("incr", "strings", "write", `(${K}): ${N}`, { holds: "replace", counter: { sign: 1, by: "one" } }),
  c("incrby", "strings", "write", `(${K}, increment: number | string): ${N}`, { holds: "replace", counter: { sign: 1, by: "arg" } }),
  c("incrbyfloat", "strings", "write", `(${K}, increment: number | string): Promise<string>`, { holds: "replace", counter: { sign: 1, by: "float" } }),
  c("decr", "strings", "write", `(${K}): ${N}`, { holds: "replace", counter: { sign: -1, by: "one" } }),
  c("decrby", "strings", "write", `(${K}, decrement: number | string): ${N}`, { holds: "replace", counter: { sign: -1, by: "arg" } }),
  c("append", "strings", "write", `(${K}, ${V}): ${N}`, { stores: one(1), holds: "append" }),
  c("strlen", "strings", "read", `(${K}): ${N}`),
  c("getrange", "strings", "read", `(${K}, start: number, end: number): Promise<string>`, { cost: ["offset", "reply-grows"] }),
  c("setrange", "strings", "write", `(${K}, offset: number, ${V}): ${N}`, { stores: one(2), holds: "range", cost: ["offset"], sizeArg: 1 }),
  // hashes
  c("hget", "hashes", "read", `(${K}, field: string): ${S}`),
  c("hset", "hashes", "write", `(${K}, ...fieldsAndValues: ${PAIRS}): ${N}`, fieldValuePairs),
  c("hsetnx", "hashes", "write", `(${K}, field: string, ${V}): ${N}`, { stores: rest, holds: "add" }),
  c("hmget", "hashes", "read", `(${K}, ...fields: string[]): Promise<(string | null)[]>`, { forms: ["nested"] }),
  c("hmset", "hashes", "write", `(${K}, ...fieldsAndValues: ${PAIRS}): Promise<"OK">`, fieldValuePairs),
  c("hgetall", "hashes", "read", `(${K}): Promise<Record<string, string>>`, grows),
  c("hdel", "hashes", "write", `(${K}, ...fields: string[]): ${N}`, { forms: ["nested"] }),
  c("hexists", "hashes", "read", `(${K}, field: string): ${N}`),
  c("hincrby", "hashes", "write", `(${K}, field: string, increment: number | string): ${N}`, { stores: one(1), holds: "add" }),
  c("hincrbyfloat", "hashes", "write", `(${K}, field: string, increment: number | string): Promise<string>`, { stores: one(1), holds: "add" }),
  c("hkeys", "hashes", "read", `(${K}): ${L}`, grows),
  c("hvals", "hashes", "read", `(${K}): ${L}`, grows),
  c("hlen", "hashes", "read", `(${K}): ${N}`),
  c("hstrlen", "hashes", "read", `(${K}, field: string): ${N}`),
  // lists
  c("lpush", "lists", "write", `(${K}, ...values: RedisValue[]): ${N}`, pushes),
  c("rpush", "lists", "write", `(${K}, ...values: RedisValue[]): ${N}`, pushes),
  c("lpushx", "lists", "write", `(${K}, ...values: RedisValue[]): ${N}`, pushes),
  c("rpushx", "lists", "write", `(${K}, ...values: RedisValue[]): ${N}`, pushes),
  c("lpop", "lists", "write", `(${K}): ${S}`, counted),
  c("rpop", "lists", "write", `(${K}): ${S}`, counted),
  c("llen", "lists", "read", `(${K}): ${N}`),
  c("lrange", "lists", "read", `(${K}, start: number, stop: number): ${L}`, grows),
  c("lindex", "lists", "read", `(${K}, index: number): ${S}`),
  c("lset", "lists", "write", `(${K}, index: number, ${V}): Promise<"OK">`, { stores: one(2), holds: "add" }),
  c("lrem", "lists", "write", `(${K}, count: number, ${V}): ${N}`),
  c("ltrim", "lists", "write", `(${K}, start: number, stop: number): Promise<"OK">`),
  c("lpos", "lists", "read", `(${K}, ${V}): Promise<number | null>`),
  c("lmove", "lists", "write", `(source: RedisKey, destination: RedisKey, from: "LEFT" | "RIGHT", to: "LEFT" | "RIGHT"): ${S}`, { keys: "firstTwo", holds: "move" }),
  c("rpoplpush", "lists", "write", `(source: RedisKey, destination: RedisKey): ${S}`, { keys: "firstTwo", holds: "move" }),
  // sets
  c("sadd", "sets", "write", `(${K}, ...members: RedisValue[]): ${N}`, pushes),
  c("srem", "sets", "write", `(${K}, ...members: RedisValue[]): ${N}`, { forms: ["nested"] }),
  c("smembers", "sets", "read", `(${K}): ${L}`, grows),
  c("sismember", "sets", "read", `(${K}, member: RedisValue): ${N}`),
  c("smismember", "sets", "read", `(${K}, ...members: RedisValue[]): Promise<number[]>`, { forms: ["nested"] }),
  c("scard", "sets", "read", `(${K}): ${N}`),
  c("spop", "sets", "write", `(${K}): ${S}`, counted),
  c("srandmember", "sets", "read", `(${K}): ${S}`, { cost: ["count", "reply-grows"], sizeArg: 1 }),
  c("smove", "sets", "write", `(source: RedisKey, destination: RedisKey, member: RedisValue): ${N}`, { keys: "firstTwo", stores: one(2), holds: "move" }),
  c("sinter", "sets", "read", `(...keys: RedisKey[]): ${L}`, { ...manyKeys, cost: ["multi-key", "reply-grows"] }),
  c("sunion", "sets", "read", `(...keys: RedisKey[]): ${L}`, { ...manyKeys, cost: ["multi-key", "reply-grows"] }),
  c("sdiff", "sets", "read", `(...keys: RedisKey[]): ${L}`, { ...manyKeys, cost: ["multi-key", "reply-grows"] }),
  // sorted sets
  c("zadd", "sorted sets", "write", `(${K}, ...scoresAndMembers: (string | number)[]): Promise<number | string | null>`, pushes),
  c("zrem", "sorted sets", "write", `(${K}, ...members: RedisValue[]): ${N}`, { forms: ["nested"] }),
  c("zscore", "sorted sets", "read", `(${K}, member: RedisValue): ${S}`),
  c("zincrby", "sorted sets", "write", `(${K}, increment: number | string, member: RedisValue): Promise<string>`, { stores: one(2), holds: "add" }),
  c("zcard", "sorted sets", "read", `(${K}): ${N}`),
  c("zcount", "sorted sets", "read", `(${K}, min: number | string, max: number | string): ${N}`),
  c("zrange", "sorted sets", "read", `(${K}, start: number | string, stop: number | string, ...options: string[]): ${L}`, grows),
  c("zrevrange", "sorted sets", "read", `(${K}, start: number, stop: number, withScores?: "WITHSCORES"): ${L}`, grows),
  c("zrangebyscore", "sorted sets", "read", `(${K}, min: number | string, max: number | string, ...options: (string | number)[]): ${L}`, grows),
  c("zrank", "sorted sets", "read", `(${K}, member: RedisValue): Promise<number | null>`),
  c("zrevrank", "sorted sets", "read", `(${K}, member: RedisValue): Promise<number | null>`),
  c("zpopmin", "sorted sets", "write", `(${K}, count?: number): ${L}`, counted),
  c("zpopmax", "sorted sets", "write", `(${K}, count?: number): ${L}`, counted),
  // keys
  c("del", "keys", "write", `(...keys: RedisKey[]): ${N}`, { ...manyKeys, holds: "delete" }),
  c("unlink", "keys", "write", `(...keys: RedisKey[]): ${N}`, { ...manyKeys, holds: "delete" }),
  c("exists", "keys", "read", `(...keys: RedisKey[]): ${N}`, manyKeys),
  c("type", "keys", "read", `(${K}): Promise<string>`),
  c("expire", "keys", "write", `(${K}, seconds: number, condition?: "NX" | "XX" | "GT" | "LT"): ${N}`),
  c("pexpire", "keys", "write", `(${K}, milliseconds: number, condition?: "NX" | "XX" | "GT" | "LT"): ${N}`),
  c("ttl", "keys", "read", `(${K}): ${N}`),
  c("pttl", "keys", "read", `(${K}): ${N}`),
  c("persist", "keys", "write", `(${K}): ${N}`),
  c("rename", "keys", "write", `(${K}, newKey: RedisKey): Promise<"OK">`, { keys: "firstTwo", holds: "rename" }),
  c("renamenx", "keys", "write", `(${K}, newKey: RedisKey): ${N}`, { keys: "firstTwo", holds: "rename" }),
  // transactions (multi() and exec() are the prelude's Transaction object, see TRANSACTION_COMMANDS)
  c("watch", "transactions", "control", `(...keys: RedisKey[]): Promise<"OK">`, manyKeys),
  c("unwatch", "transactions", "control", `(): Promise<"OK">`, { keys: "none" }),
  // server basics
  c("ping", "server", "control", `(message?: string): Promise<string>`, { keys: "none" }),
  c("echo", "server", "control", `(message: string): Promise<string>`, { keys: "none" }),
];

/** Sent by the Transaction object (multi() ... exec() / discard()), never called as methods. */
export const TRANSACTION_COMMANDS = ["multi", "exec", "discard"] as const;

const BY_METHOD = new Map(CATALOGUE.map((s) => [s.method, s]));

/** The entry for an ioredis method (lower-case) or a trace's command name (upper-case). */
export function commandSpec(name: string): CommandSpec | undefined {
  return BY_METHOD.get(name.toLowerCase());
}

/** Upper-case names of the counter writes whose effect a trace can add up exactly (INCR, INCRBY, DECR, DECRBY). */
export const INTEGER_COUNTER_NAMES: readonly string[] = CATALOGUE.filter((s) => s.counter && s.counter.by !== "float").map((s) => s.method.toUpperCase());
