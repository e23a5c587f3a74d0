import { describe, expect, it } from "vitest";
import { workerCount } from "../../admission/capacity";
import { run } from "../test-support";

/** The most runs that were in flight at one moment, from each run's own start and end times. */
function mostInFlight(spans: { start: number; end: number }[]): number {
  const edges = spans.flatMap((s) => [
    { at: s.start, d: 1 },
    { at: s.end, d: -1 },
  ]);
  // An end and a start at the same millisecond do not overlap.
  edges.sort((a, b) => a.at - b.at || a.d - b.d);
  let now = 0;
  let most = 0;
  for (const e of edges) most = Math.max(most, (now += e.d));
  return most;
}

describe("the worker pool", () => {
  it("interleaves runs on each worker: runs waiting on timers or Redis are in flight together", async () => {
    // More runs than workers (and than piscina's one-abortable-task-per-worker would allow).
    const workers = workerCount();
    const n = Math.max(6, workers * 3);
    const results = await Promise.all(
      Array.from({ length: n }, () => run(`console.log(Date.now());\nawait sleep(500);\nconsole.log(Date.now());`)),
    );
    for (const r of results) expect(r.status).toBe("ok");
    const spans = results.map((r) => ({ start: Number(r.output[0]), end: Number(r.output[1]) }));
    // Queued one run per worker, at most `workers` could overlap. More than that proves a worker
    // held several at once; not all n, since on a busy machine a late start may miss an early end.
    expect(mostInFlight(spans)).toBeGreaterThan(workers);
  });
});
