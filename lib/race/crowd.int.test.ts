// Crowd mode against the real Redis, through the real engine: one run, 50 clients, one key.
import { describe, expect, it } from "vitest";
import { run } from "../runner/test-support";
import { buildRaceRun } from "./plan";
import { startRaceSchema } from "./schema";
import { crowdStats } from "./stats";

describe("crowd run", () => {
  it("50 clients on one key: every client commits once, the final value is exact, and the trace shows every client", async () => {
    const built = buildRaceRun(startRaceSchema.parse({ mode: "crowd", clients: 50 }), () => undefined);
    if (!built.ok) throw new Error(built.message);
    const r = await run(built.request.source, built.request);
    expect(r.error).toBeUndefined();
    expect(r.finalState).toEqual({ counter: "50" });
    const s = crowdStats(r.trace);
    expect(s.clients).toHaveLength(50);
    expect(s.commits).toBe(50);
    expect(s.clients.every((c) => c.commits === 1)).toBe(true);
    // With 50 writers on one key some EXECs must have been aborted.
    expect(s.totalAttempts).toBeGreaterThan(50);
    const printed = r.output.find((l) => l.startsWith("attempts per client: "))!;
    const sum = printed.slice("attempts per client: ".length).split(" ").map(Number).reduce((a, b) => a + b, 0);
    expect(sum).toBe(s.totalAttempts);
  });
});
