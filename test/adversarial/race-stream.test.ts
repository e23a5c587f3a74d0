// A race-lab run streams its events to Redis and stores its result there for 24 h: one open run
// with long, many-argument commands once stored 60 MB. The stream and the stored result must be
// bounded like the result itself. Runs here use the race lab's raised limits (lib/race/plan.ts).
import { afterAll, describe, expect, it } from "vitest";
import { serviceKeys } from "@/lib/redis/namespace";
import { adminRedis, adversarialHooks, expectHarmless, MB, newRunId, observe, open, resultBytes, runAs } from "./support";

adversarialHooks();

const RACE_LIMITS = { commands: 50_000, wallMs: 60_000, cpuMs: 10_000 };
const streamed: string[] = [];

/** Bytes Redis holds for a run's event stream and stored result. */
async function storedBytes(runId: string): Promise<number> {
  const { events, result } = serviceKeys(runId);
  const sizes = await Promise.all([events, result].map((k) => adminRedis().memory("USAGE", k, "SAMPLES", 0)));
  return sizes.reduce<number>((a, b) => a + (b ?? 0), 0);
}

afterAll(async () => {
  // This suite's own replay keys (they would otherwise wait out their 24 h TTL).
  const keys = streamed.flatMap((id) => Object.values(serviceKeys(id)));
  if (keys.length > 0) await adminRedis().unlink(...keys);
});

describe("a streamed run's events and stored result stay small", () => {
  it("10 commands of 40,000 arguments and 30,000 long echoes", async () => {
    const id = newRunId("stream");
    streamed.push(id);
    const src = `${open}const keys = Array.from({ length: 40_000 }, (_, i) => "k" + i);\nfor (let j = 0; j < 10; j++) await r.exists(...keys);\nconst v = "z".repeat(150);\nfor (let i = 0; i < 30_000; i++) await r.echo(v + i);\nconsole.log("done");`;
    const seen = await observe(() => runAs(id, src, { stream: true, limits: RACE_LIMITS }));
    const r = seen.value;
    expect.soft(resultBytes(r), "the run's result stays under 1 MB").toBeLessThan(MB);
    expect.soft(await storedBytes(id), "stream + stored result stay under 2 MB").toBeLessThan(2 * MB);
    // The replay keys are meant to outlive the run (24 h): their bytes are bounded above, not counted here.
    await expectHarmless([id], { ...seen, memoryGrowth: Math.max(0, seen.memoryGrowth - (await storedBytes(id))) });
  }, 90_000);
});
