import { describe, expect, it } from "vitest";
import { availableParallelism } from "node:os";
import { run } from "../test-support";

describe("the worker pool", () => {
  it("interleaves runs on each worker: runs waiting on timers or Redis are all in flight together", async () => {
    // More runs than workers (and than piscina's one-abortable-task-per-worker would allow).
    const n = Math.max(6, availableParallelism() * 3);
    const results = await Promise.all(
      Array.from({ length: n }, () => run(`console.log(Date.now());\nawait sleep(250);\nconsole.log(Date.now());`)),
    );
    for (const r of results) expect(r.status).toBe("ok");
    const starts = results.map((r) => Number(r.output[0]));
    const ends = results.map((r) => Number(r.output[1]));
    // Every run had started before any finished: they overlapped instead of queueing.
    expect(Math.max(...starts)).toBeLessThan(Math.min(...ends));
  });
});
