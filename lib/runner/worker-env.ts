/**
 * Per-worker resources shared by the runs a worker executes concurrently: the QuickJS module,
 * the pool of warm run connections, and one service connection for setup and cleanup.
 */
import Redis from "ioredis";
import type { QuickJSWASMModule } from "quickjs-emscripten-core";
import { aclMode, redisUrl, SERVICE_CONNECTION_OPTIONS } from "../redis/config";
import { ConnectionPool } from "../redis/connection-pool";
import { quickjs, Sandbox } from "./sandbox";

export interface WorkerEnv {
  url: string;
  quickjs: QuickJSWASMModule;
  pool: ConnectionPool;
  service: Redis;
  /** Whether per-run ACL users are in use (decided on first contact with the server). */
  acl: () => Promise<boolean>;
  /** A fresh sandbox with its prelude already evaluated. */
  takeSandbox: () => Sandbox;
  /** Brackets a run, so spare work (sandbox refills) happens only while no run is waiting on it. */
  runStarted: () => void;
  runEnded: () => void;
}

/** Sandboxes kept ready per worker: enough for a burst, small enough to cost little memory. */
const SANDBOX_STOCK = 8;

let env: Promise<WorkerEnv> | undefined;

export function workerEnv(): Promise<WorkerEnv> {
  env ??= (async () => {
    const url = redisUrl();
    const service = new Redis(url, SERVICE_CONNECTION_OPTIONS);
    service.on("error", () => {});
    let aclDecision: Promise<boolean> | undefined;
    const acl = () => {
      if (aclMode() === "off") return Promise.resolve(false);
      // Probe once per worker: a managed Redis may forbid ACL SETUSER for our user.
      aclDecision ??= service
        .acl("WHOAMI")
        .then(() => true)
        .catch((e: Error) => {
          if (e.name !== "ReplyError") aclDecision = undefined; // Redis was down: ask again next time.
          return false;
        });
      return aclDecision;
    };
    const mod = await quickjs();
    // Refilled only while no run is in flight in this worker: evaluating a prelude takes a couple
    // of milliseconds of this thread, which must never sit between a run and its Redis replies.
    const stock: Sandbox[] = [];
    let active = 0;
    let refilling = false;
    const refill = () => {
      if (refilling) return;
      refilling = true;
      setImmediate(function step() {
        if (active > 0 || stock.length >= SANDBOX_STOCK) return void (refilling = false);
        stock.push(new Sandbox(mod));
        setImmediate(step);
      });
    };
    const takeSandbox = () => stock.pop() ?? new Sandbox(mod);
    const runStarted = () => void active++;
    const runEnded = () => {
      if (--active === 0) refill();
    };
    refill();
    return { url, quickjs: mod, pool: new ConnectionPool(url), service, acl, takeSandbox, runStarted, runEnded };
  })();
  return env;
}
