/**
 * Per-worker resources shared by the runs a worker executes concurrently: the QuickJS module,
 * the pool of warm run connections, and one service connection for setup and cleanup.
 */
import Redis from "ioredis";
import { aclMode, redisUrl, SERVICE_CONNECTION_OPTIONS } from "../redis/config";
import { ConnectionPool } from "../redis/connection-pool";
import { randomBytes } from "node:crypto";
import { Sandbox } from "./sandbox";
import { runUser } from "../redis/acl";
import { startJanitor } from "../redis/janitor";
import { CleanupQueue } from "../redis/cleanup-queue";

export interface WorkerEnv {
  url: string;
  pool: ConnectionPool;
  service: Redis;
  /** Finished runs' namespaces, dropped in the background (see CleanupQueue). */
  cleanup: CleanupQueue;
  /** Whether per-run ACL users are in use (decided on first contact with the server). */
  acl: () => Promise<boolean>;
  /** A fresh sandbox with its prelude already evaluated. */
  takeSandbox: () => Promise<Sandbox>;
  /** Hands a finished run's sandbox back: restored to its fresh state and kept, or dropped. */
  returnSandbox: (s: Sandbox) => void;
  /** Brackets a run, so spare work (sandbox refills) happens only while no run is waiting on it. */
  runStarted: () => void;
  runEnded: () => void;
}

/** Sandboxes built ahead per worker, and the most kept idle (each is a WASM instance, ~1-2 MB). */
const SANDBOX_STOCK = 4;
const SANDBOX_IDLE_MAX = 16;

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
    let aclDecision: Promise<boolean> | undefined;
    const acl = () => {
      if (aclMode() === "off") return Promise.resolve(false);
      // Probe once per worker with a real run user: a managed Redis may forbid ACL SETUSER for our
      // user, and an older server may not know every command of the allowlist.
      aclDecision ??= (async () => {
        const probe = runUser(`probe-${randomBytes(6).toString("hex")}`);
        try {
          await service.acl("SETUSER", probe.username, ...probe.rules);
          await service.acl("DELUSER", probe.username);
          return true;
        } catch (e) {
          if ((e as Error).name !== "ReplyError") aclDecision = undefined; // Redis was down: ask again next time.
          else console.warn(`playground: per-run ACL users are off, Redis refused them (${(e as Error).message}).`);
          return false;
        }
      })();
      return aclDecision;
    };
    // Building a sandbox takes a few milliseconds of this thread, so it happens ahead of time and
    // only while no run is in flight here: it must never sit between a run and its Redis replies.
    // Recycled sandboxes come back restored from their snapshot, so a steady load builds none.
    const idle: Sandbox[] = [];
    let active = 0;
    let building = 0;
    let refilling = false;
    const refill = () => {
      if (refilling) return;
      refilling = true;
      setImmediate(async function step() {
        if (active > 0 || idle.length + building >= SANDBOX_STOCK) return void (refilling = false);
        idle.push(await Sandbox.create());
        setImmediate(step);
      });
    };
    const takeSandbox = async () => {
      const ready = idle.pop();
      if (ready) return ready;
      building++;
      try {
        return await Sandbox.create();
      } finally {
        building--;
      }
    };
    const returnSandbox = (s: Sandbox) => {
      if (s.recycle() && idle.length < SANDBOX_IDLE_MAX) idle.push(s);
      else s.dispose();
    };
    const runStarted = () => void active++;
    const runEnded = () => {
      if (--active === 0) refill();
    };
    refill();
    await connected;
    return { url, pool: new ConnectionPool(url), service, cleanup: new CleanupQueue(service), acl, takeSandbox, returnSandbox, runStarted, runEnded };
  })();
  return env;
}
