// What the watch page of a pathological run sends: the room's server HTML and the props it is
// hydrated from (Next.js embeds them in the page). Before the bounds, one such run made a 52 MB page.
import { randomBytes } from "node:crypto";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { expect, it } from "vitest";
import { RaceRoom } from "@/components/race/race-room";
import { toStreamedResult } from "@/lib/race/streamed-result";
import { serviceKeys } from "@/lib/redis/namespace";
import { adminRedis, run } from "@/lib/runner/test-support";
import type { RunResult } from "@/lib/runner/types";
import { RESULT_MAX_BYTES } from "@/lib/runner/worker/result-json";

const open = `import Redis from "ioredis";\nconst r = new Redis();\n`;
const manyLongReads = `${open}const names = Array.from({ length: 19 }, (_, i) => "k".repeat(300) + i);\nfor (let i = 0; i < 3000; i++) await r.mget(...names);\nconsole.log("done");`;

it("the watch page of a run with thousands of large events stays about 1 MB at most", async () => {
  const runId = `pgs-${randomBytes(6).toString("hex")}`;
  const keys = serviceKeys(runId);
  try {
    await run(manyLongReads, { runId, stream: true, limits: { commands: 5000, cpuMs: 5000 } });
    // As load.ts reads it: the stored result, its trace and the streamed part.
    const result = JSON.parse((await adminRedis().get(keys.result))!) as RunResult;
    const meta = { runId, mode: "live" as const, title: "a big run", source: manyLongReads, inspectKeys: [], createdAt: Date.now() };
    const props = { meta, role: "audience" as const, initial: { trace: result.trace, result: toStreamedResult(result) } };
    const html = renderToString(createElement(RaceRoom, props));
    expect(Buffer.byteLength(JSON.stringify(props), "utf8")).toBeLessThan(RESULT_MAX_BYTES * 1.1);
    // The timeline mounts after hydration: the server HTML is the room's frame only.
    expect(html.length).toBeLessThan(50_000);
  } finally {
    await adminRedis().unlink(keys.result, keys.events);
  }
});
