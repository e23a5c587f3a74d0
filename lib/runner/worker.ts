// Piscina worker entry (bundled to .engine/worker.mjs): runs execute concurrently, each in its own
// QuickJS runtime, so a busy or runaway program never blocks the web server's event loop.
import { executeRun } from "./execute";
import type { RunRequest, RunResult } from "./types";

export default function run(req: RunRequest): Promise<RunResult> {
  return executeRun(req);
}
