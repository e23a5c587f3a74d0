/**
 * Per-worker resources shared by the runs a worker executes concurrently: the QuickJS module,
 * the pool of warm run connections, and one service connection for setup and cleanup.
 */
import Redis from "ioredis";
import { aclMode, redisUrl, SERVICE_CONNECTION_OPTIONS } from "../redis/config";
import { ConnectionPool } from "../redis/connection-pool";
import { randomToken } from "../redis/random-token";
import { Sandbox } from "./sandbox";
import { runUser } from "../redis/acl";
import { startJanitor } from "../redis/janitor";
import { CleanupQueue } from "../redis/cleanup-queue";
import { HELD_RUNS_PER_WORKER, RUNS_PER_WORKER } from "./capacity";

export interface WorkerEnv {
  url: string;
  pool: ConnectionPool;
  service: Redis;
  /** Finished runs' namespaces, dropped in the background (see CleanupQueue). */
  cleanup: CleanupQueue;
  /** Whether per-run ACL users are in use (decided on first contact with the server). */
  acl: () => Promise<boolean>;
  /**
   * A fresh sandbox for this program, with its prelude already evaluated - preferably one that
   * keeps the program compiled - and whether to keep it compiled (it has run here before).
   */
  takeSandbox: (js: string) => Promise<{ sandbox: Sandbox; keepCompiled: boolean }>;
  /** Hands a finished run's sandbox back: restored to its fresh state and kept, or dropped. */
  returnSandbox: (s: Sandbox) => void;
  /**
   * Sandbox CPU this thread has spent on all runs so far, ms (monotonic). A run's wall limit
   * leaves out what went to other runs' code meanwhile (see lib/admission/wall-charge).
   */
  guestCpuMs: () => number;
  /** Brackets a run, so spare work (sandbox refills) happens only while no run is waiting on it. */
  runStarted: () => void;
  runEnded: () => void;
}

/**
 * Sandboxes built ahead per worker: one for every run the pool lets in at once (see capacity), so
 * a run in flight never waits for a build (10-50 ms of this thread). Runs waiting on a person take
 * theirs on top; those come back idle and are dropped again after SANDBOX_TRIM_MS without need.
 */
const SANDBOX_STOCK = RUNS_PER_WORKER;
const SANDBOX_IDLE_MAX = RUNS_PER_WORKER + HELD_RUNS_PER_WORKER;
const SANDBOX_TRIM_MS = 30_000;
/** How many distinct programs a worker remembers having run (to keep repeated ones compiled). */
const SEEN_PROGRAMS = 256;

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
        const probe = runUser(`probe-${randomToken(6, "hex")}`);
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
    // Sandboxes lent to runs, and the CPU of those handed back (recycling resets a sandbox's count).
    const lent = new Set<Sandbox>();
    let returnedCpuMs = 0;
    const guestCpuMs = () => {
      let ms = returnedCpuMs;
      for (const s of lent) ms += s.cpuMs;
      return ms;
    };
    // Programs seen recently in this worker: one that comes again (a learner running the same
    // code twice, the grader's scenarios, a class running the example) is kept compiled.
    const seen = new Map<string, number>();
    const takeSandbox = async (js: string) => {
      const runs = (seen.get(js) ?? 0) + 1;
      seen.delete(js);
      seen.set(js, runs);
      if (seen.size > SEEN_PROGRAMS) seen.delete(seen.keys().next().value!);
      // Best: one that keeps this program; else one that keeps none (no extra restore to undo another).
      let i = idle.findLastIndex((s) => s.warmProgram === js);
      if (i < 0) i = idle.findLastIndex((s) => s.warmProgram === undefined);
      if (i < 0) i = idle.length - 1;
      const ready = i >= 0 ? idle.splice(i, 1)[0] : undefined;
      if (ready) {
        lent.add(ready);
        return { sandbox: ready, keepCompiled: runs > 1 };
      }
      building++;
      try {
        const built = await Sandbox.create();
        lent.add(built);
        return { sandbox: built, keepCompiled: runs > 1 };
      } finally {
        building--;
      }
    };
    const returnSandbox = (s: Sandbox) => {
      if (lent.delete(s)) returnedCpuMs += s.cpuMs;
      if (s.recycle() && idle.length < SANDBOX_IDLE_MAX) idle.push(s);
      else s.dispose();
    };
    // Sandboxes beyond the stock (built for runs that wait on a person) are memory nobody needs.
    setInterval(() => {
      while (idle.length > SANDBOX_STOCK) idle.shift()!.dispose();
    }, SANDBOX_TRIM_MS).unref();
    const runStarted = () => void active++;
    const runEnded = () => {
      if (--active === 0) refill();
    };
    // The first runs wait for the stock: built on demand instead, each would wait for the others'
    // builds on this thread as well as its own (a cold worker's first burst).
    const stocked = (async () => {
      while (idle.length < SANDBOX_STOCK) idle.push(await Sandbox.create());
    })().catch(() => {}); // a run that then builds its own sandbox reports the failure
    await Promise.all([connected, stocked]);
    return { url, pool: new ConnectionPool(url), service, cleanup: new CleanupQueue(service), acl, takeSandbox, returnSandbox, guestCpuMs, runStarted, runEnded };
  })();
  return env;
}
