/**
 * Warm before ready: a fresh server's first run pays for starting the worker threads, compiling
 * QuickJS's WASM, building sandboxes and opening Redis connections (~4 s measured). The server
 * runs a small program through every worker right after it starts (instrumentation.ts), and
 * /api/health says "starting" until that is done, so the first learner's Run costs what every
 * later one does.
 */
import { workerCount } from "../../admission/capacity";
import { runProgram } from "./run-program";

const WARM_PROGRAM = `import Redis from "ioredis";
const redis = new Redis();
await redis.watch("warm");
const seen = await redis.get("warm");
const done = await redis.multi().set("warm", String(Number(seen ?? 0) + 1)).exec();
console.log(done === null ? "retry" : "warm");
await redis.quit();
`;

/** Two rounds: the first starts each worker, the second runs on the warm path (kept snapshots). */
const ROUNDS = 2;

export interface WarmState {
  warm: boolean;
  /** How long warming took, once done. */
  warmMs?: number;
}

const g = globalThis as unknown as { __playgroundWarm?: { state: WarmState; done: Promise<WarmState> } };

export function warmState(): WarmState {
  return g.__playgroundWarm?.state ?? { warm: false };
}

/** Idempotent: later calls get the first call's promise. Never rejects. */
export function warmUp(): Promise<WarmState> {
  if (g.__playgroundWarm) return g.__playgroundWarm.done;
  const state: WarmState = { warm: false };
  const t0 = performance.now();
  const done = (async () => {
    for (let round = 0; round < ROUNDS; round++) {
      // As many at once as there are workers: piscina gives each idle worker one of them.
      await Promise.all(Array.from({ length: workerCount() }, () => runProgram({ source: WARM_PROGRAM }).catch(() => undefined)));
    }
    state.warmMs = Math.round(performance.now() - t0);
    state.warm = true;
    return state;
  })();
  g.__playgroundWarm = { state, done };
  return done;
}
