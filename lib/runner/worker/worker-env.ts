/**
 * Per-worker resources shared by the runs a worker executes concurrently: the sandbox stock,
 * the pools of warm run connections, and one service client for setup and cleanup (a Cluster
 * client on a cluster; see lib/redis/service-client.ts).
 */
import { aclMode, SERVICE_CONNECTION_OPTIONS } from "../../redis/config";
import { runPools, type RunPools } from "../../redis/run-pools";
import { createServiceRedis, isCluster, masters, type ServiceRedis } from "../../redis/service-client";
import { randomToken } from "../../redis/random-token";
import { runUser } from "../../redis/acl";
import { startJanitor } from "../../redis/janitor";
import { CleanupQueue } from "../../redis/cleanup-queue";
import { HELD_RUNS_PER_WORKER, RUNS_PER_WORKER } from "../../admission/capacity";
import { SandboxStock } from "../sandbox/stock";

export interface WorkerEnv {
  /** Run connections: the pool of the server (on a cluster, the master) that holds a run's slot. */
  pools: RunPools;
  service: ServiceRedis;
  /** Whether the target is a Redis Cluster (a run's prepare and cleanup are split by node there). */
  cluster: boolean;
  /** Finished runs' namespaces, dropped in the background (see CleanupQueue). */
  cleanup: CleanupQueue;
  /** Whether per-run ACL users are in use (decided on first contact with the server). */
  acl: () => Promise<boolean>;
  /**
   * One built sandbox per run the pool lets in at once (see capacity), so a run in flight never
   * waits for a build; runs waiting on a person take theirs on top.
   */
  sandboxes: SandboxStock;
}

let env: Promise<WorkerEnv> | undefined;

export function workerEnv(): Promise<WorkerEnv> {
  env ??= (async () => {
    const service = createServiceRedis();
    // Cleans up after runs whose worker died before it could (keys and ACL user of the run).
    startJanitor(service);
    // Commands on a service connection that isn't connected yet fail at once (no offline queue),
    // so the worker's first run waits for it - once, and not longer than a connect timeout.
    const connected = new Promise<void>((resolve) => {
      service.once("ready", () => resolve());
      setTimeout(resolve, SERVICE_CONNECTION_OPTIONS.connectTimeout ?? 2000).unref();
    });
    const sandboxes = new SandboxStock(RUNS_PER_WORKER, RUNS_PER_WORKER + HELD_RUNS_PER_WORKER);
    const stocked = sandboxes.fill().catch(() => {}); // a run that then builds its own sandbox reports the failure
    await Promise.all([connected, stocked]);
    return { pools: runPools(service), service, cluster: isCluster(service), cleanup: new CleanupQueue(service), acl: aclDecision(service), sandboxes };
  })();
  return env;
}

/**
 * Probes once per worker with a real run user: a managed Redis may forbid ACL SETUSER for our
 * user, and an older server may not know every command of the allowlist.
 */
function aclDecision(service: ServiceRedis): () => Promise<boolean> {
  let decided: Promise<boolean> | undefined;
  return () => {
    if (aclMode() === "off") return Promise.resolve(false);
    decided ??= (async () => {
      const probe = runUser(`probe-${randomToken(6, "hex")}`);
      // ACL users are per node: the probe is created and deleted on the same master.
      const node = masters(service)[0];
      if (!node) {
        decided = undefined;
        return false;
      }
      try {
        await node.acl("SETUSER", probe.username, ...probe.rules);
        await node.acl("DELUSER", probe.username);
        return true;
      } catch (e) {
        if ((e as Error).name !== "ReplyError") decided = undefined; // Redis was down: ask again next time.
        else console.warn(`playground: per-run ACL users are off, Redis refused them (${(e as Error).message}).`);
        return false;
      }
    })();
    return decided;
  };
}
