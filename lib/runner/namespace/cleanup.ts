/**
 * Dropping the run's namespace once no connection is authenticated as its user any more: its
 * keys (whatever the run touched and its setup wrote), its ACL user and its registration - queued
 * (lib/redis/cleanup-queue), since nobody waits on it. A connection dropped with commands in
 * flight leaves the run registered, and the janitor sweeps its namespace later.
 */
import type { CleanupQueue } from "../../redis/cleanup-queue";

export function dropNamespaceLater(
  cleanup: CleanupQueue,
  run: { runId: string; prefix: string; touched: ReadonlySet<string>; setupKeys: readonly string[]; user?: string; userNode?: string },
  clean: Promise<boolean>,
): void {
  const keys = () => [...new Set([...[...run.touched].map((k) => run.prefix + k), ...run.setupKeys])];
  cleanup.later(clean.catch(() => false).then((unregister) => ({ runId: run.runId, keys: keys(), user: run.user, userNode: run.userNode, unregister })));
}
