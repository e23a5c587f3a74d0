/**
 * Per-worker resources shared by the runs a worker executes concurrently: the sandbox stock,
 * the pool of warm run connections, and one service connection for setup and cleanup.
 */
import Redis from "ioredis";
import { aclMode, redisUrl, SERVICE_CONNECTION_OPTIONS } from "../../redis/config";
import { ConnectionPool } from "../../redis/connection-pool";
import { randomToken } from "../../redis/random-token";
import { runUser } from "../../redis/acl";
import { startJanitor } from "../../redis/janitor";
import { CleanupQueue } from "../../redis/cleanup-queue";
import { HELD_RUNS_PER_WORKER, RUNS_PER_WORKER } from "../host/capacity";
import { SandboxStock } from "../sandbox/stock";

export interface WorkerEnv {
  url: string;
  pool: ConnectionPool;
  service: Redis;
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
    const url = redisUrl();
    const service = new Redis(url, SERVICE_CONNECTION_OPTIONS);
    service.on("error", () => {});
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
    return { url, pool: new ConnectionPool(url), service, cleanup: new CleanupQueue(service), acl: aclDecision(service), sandboxes };
  })();
  return env;
}

/**
 * Probes once per worker with a real run user: a managed Redis may forbid ACL SETUSER for our
 * user, and an older server may not know every command of the allowlist.
 */
function aclDecision(service: Redis): () => Promise<boolean> {
  let decided: Promise<boolean> | undefined;
  return () => {
    if (aclMode() === "off") return Promise.resolve(false);
    decided ??= (async () => {
      const probe = runUser(`probe-${randomToken(6, "hex")}`);
      try {
        await service.acl("SETUSER", probe.username, ...probe.rules);
        await service.acl("DELUSER", probe.username);
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
