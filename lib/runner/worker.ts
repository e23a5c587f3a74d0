// Piscina worker entry (bundled to .engine/worker.mjs): runs execute concurrently, each in its own
// QuickJS runtime, so a busy or runaway program never blocks the web server's event loop.
import { executeRun } from "./execute";
import { resultJson } from "./bound-result";
import { answerCleanupFlushes } from "./cleanup-flush";
import { workerEnv } from "./worker-env";
import type { RunRequest } from "./types";

let ranHere = false;
// Before the pool closes (the CLI's exit), queued namespace drops are sent; a worker that ran
// nothing has nothing to send and must not connect to Redis just to say so.
answerCleanupFlushes(async () => {
  if (ranHere) await (await workerEnv()).cleanup.drain();
});

/**
 * The result goes back as JSON text: a structured clone of a trace (dozens of small objects)
 * costs more, on both threads, than writing and parsing it (~0.1 ms of a run's latency). The
 * text is bounded (see bound-result.ts).
 */
export default async function run(req: RunRequest): Promise<string> {
  ranHere = true;
  return resultJson(await executeRun(req));
}
