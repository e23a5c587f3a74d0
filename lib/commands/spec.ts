/**
 * What the playground knows about one Redis command: the shape of an entry of the catalogue
 * (catalogue.ts). Plain data, no imports: the trace analysis and the timeline read it in the
 * browser, the sandbox, the ACL rules and the bounds read it on the server.
 */

export type Family = "strings" | "hashes" | "lists" | "sets" | "sorted sets" | "keys" | "transactions" | "server";

/** read: looks at data (Redis flags it readonly); write: may change data; control: neither. */
export type CommandKind = "read" | "write" | "control";

/**
 * Which final arguments are keys - the same positions @ioredis/commands' getKeyIndexes gives
 * (a test holds them equal): first | first two | all | every other one from the first | none.
 */
export type KeyRule = "first" | "firstTwo" | "all" | "pairs" | "none";

/** Final arguments Redis keeps as data: indexes from..to (to: the last one when absent), every step-th. */
export interface StoreRule {
  from: number;
  to?: number;
  step?: 2;
}

/**
 * What a write does to the memory its key holds (the run's Redis budget follows it):
 * replace the value, add entries to a collection, append, write at an offset, delete the key,
 * rename it (its memory moves), or move one entry to another key.
 */
export type HoldEffect = "replace" | "add" | "append" | "range" | "delete" | "rename" | "move";

/**
 * Why a command needs a bound beyond its arguments' size: an offset makes Redis allocate up to
 * it; multi-key commands name many keys; the reply can grow with the data; a count argument
 * sizes the reply (SRANDMEMBER with a negative count repeats members without end).
 */
export type CostClass = "offset" | "multi-key" | "reply-grows" | "count";

/** Argument forms ioredis accepts besides plain values: an object or a Map of fields, nested arrays. */
export type ArgForm = "object" | "map" | "nested";

export interface CommandSpec {
  /** ioredis method name, lower-case, e.g. "incrby" (the Redis command, upper-cased, in traces). */
  method: string;
  family: Family;
  /** TypeScript parameter list and return type as the editor shows it (ioredis's shapes, simplified). */
  sig: string;
  kind: CommandKind;
  keys: KeyRule;
  stores?: StoreRule;
  holds?: HoldEffect;
  cost: readonly CostClass[];
  forms: readonly ArgForm[];
  /** Counter writes: the sign of what they add, and whether it is 1 or their second argument. */
  counter?: { sign: 1 | -1; by: "one" | "arg" | "float" };
  /** Index of the offset argument (cost "offset") or of the count argument (cost "count"). */
  sizeArg?: number;
}

/** Key positions of a rule over `n` final arguments. */
export function keyPositions(rule: KeyRule, n: number): number[] {
  switch (rule) {
    case "none":
      return [];
    case "first":
      return n > 0 ? [0] : [];
    case "firstTwo":
      return [0, 1].filter((i) => i < n);
    case "all":
      return Array.from({ length: n }, (_, i) => i);
    case "pairs":
      return Array.from({ length: Math.ceil(n / 2) }, (_, i) => 2 * i);
  }
}

/** Positions of the arguments Redis stores, over `n` final arguments. */
export function storedPositions(rule: StoreRule | undefined, n: number): number[] {
  if (!rule) return [];
  const out: number[] = [];
  const last = Math.min(rule.to ?? n - 1, n - 1);
  for (let i = rule.from; i <= last; i += rule.step ?? 1) out.push(i);
  return out;
}
