import { exists as redisCommandExists } from "@ioredis/commands";
import { CATALOGUE } from "../../commands/catalogue";
import type { CommandSpec } from "../../commands/spec";

/**
 * The sandbox's view of the command catalogue (lib/commands/catalogue.ts): what learner code may
 * send. The prelude, the bridge's allowlist and the editor's type definitions derive from
 * ALLOWED. Anything else ioredis knows is refused with a reason (see refusalReason).
 */

/** One allowed ioredis method (a catalogue entry). */
export type AllowedCommand = CommandSpec;

export const ALLOWED: readonly AllowedCommand[] = CATALOGUE;

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
