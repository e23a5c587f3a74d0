/**
 * Preparing a run's namespace `{r:<runId>}:`: registered with the janitor, its ACL user created,
 * the unit's setup applied and the connection authenticated as that user - in one write.
 */
import type Redis from "ioredis";
import { getKeyIndexes } from "@ioredis/commands";
import type { runUser } from "../../redis/acl";
import { registerRun } from "../../redis/janitor";
import type { WorkerEnv } from "../worker/worker-env";

export type RunUser = ReturnType<typeof runUser>;

/**
 * Registers the run with the janitor (lib/redis/janitor.ts), creates its user, applies the
 * unit's setup and authenticates as that user - in one write, on the connection the program
 * will use first (`primed`). Redis runs one connection's commands in order, so the program's
 * first command can follow right behind without waiting for these replies. The queued cleanup
 * of earlier runs rides along, ahead of the AUTH. The registration comes first and always
 * happens: if this worker dies before the run's namespace is dropped, the janitor deletes its
 * keys and user later.
 */
export function prepareNamespace(
  env: Pick<WorkerEnv, "pool" | "cleanup">,
  runId: string,
  wallMs: number,
  setup: (string | number)[][],
  user?: RunUser,
): { primed: Promise<Redis>; ready: Promise<void> } {
  const sent = env.pool.acquire().then((redis) => {
    // Built before the run's key prefix is set on the connection: these keys are already full.
    const p = redis.pipeline();
    const earlier = env.cleanup.drainInto(p);
    registerRun(p, runId, Date.now(), wallMs);
    if (user) p.acl("SETUSER", user.username, ...user.rules);
    for (const [name, ...args] of setup) p.call(String(name), ...args);
    if (user) p.auth(user.username, user.password);
    // exec() writes synchronously: whatever is sent on this connection later queues behind it.
    const done = p.exec().then((res) => {
      // Only this run's own commands decide whether it can start; earlier runs' cleanup can't fail it.
      const failed = res?.slice(earlier).find(([e]) => e);
      if (failed?.[0]) throw failed[0];
    });
    return { redis, done };
  });
  return { primed: sent.then((s) => s.redis), ready: sent.then((s) => s.done) };
}

/** The unit's setup commands with the run's prefix on their keys, and those keys. */
export function prefixSetup(setup: (string | number)[][], prefix: string): { commands: (string | number)[][]; keys: string[] } {
  const keys: string[] = [];
  const commands = setup.map(([name, ...args]) => {
    const idx = new Set(getKeyIndexes(String(name).toLowerCase(), args.map(String)));
    const out = args.map((a, i) => (idx.has(i) ? prefix + String(a) : a));
    for (const i of idx) keys.push(String(out[i]));
    return [String(name), ...out];
  });
  return { commands, keys };
}
