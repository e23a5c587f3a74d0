// Redis going away mid-run: the learner gets a clear message, the worker survives, and the next
// run works once Redis is back. This file runs the engine in-process against its own server.
import { afterAll, describe, expect, it } from "vitest";
import type { RunRequest } from "./types";
import { startLocalRedis } from "../../scripts/redis-server.mjs";

const server = await startLocalRedis({ log: () => {} });
process.env.REDIS_URL = server.url;
const { executeRun: executeTask } = await import("./worker/execute-run");
const { resolveLimits } = await import("./limits/defaults");
/** The worker's side of a run, in this process: the limits resolved as the host would. */
const executeRun = (request: RunRequest) => executeTask({ request, limits: resolveLimits(request.limits) });
let current = server;

afterAll(async () => {
  await current.stop();
});

const prog = `import Redis from "ioredis";
const r = new Redis();
await r.set("k", "1");
await sleep(400);
console.log(await r.get("k"));
`;

describe("Redis outage", () => {
  it("Redis stopping mid-run gives a clear error, and the next run works once it is back", async () => {
    const ok = await executeRun({ source: prog });
    expect(ok.output).toEqual(["1"]);

    const pending = executeRun({ source: prog });
    await new Promise((r) => setTimeout(r, 150));
    await current.stop();
    const down = await pending;
    expect(down.status).toBe("error");
    expect(down.error?.code).toBe("redis_unavailable");
    expect(down.error?.message).toMatch(/can't reach its Redis server.*try again/);

    const whileDown = await executeRun({ source: prog });
    expect(whileDown.error?.code).toBe("redis_unavailable");

    current = await startLocalRedis({ port: server.port, log: () => {} });
    let back = await executeRun({ source: prog });
    // The service connection reconnects with a short backoff; give it a moment.
    for (let i = 0; i < 20 && back.status !== "ok"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      back = await executeRun({ source: prog });
    }
    expect(back.status).toBe("ok");
    expect(back.output).toEqual(["1"]);
  }, 20_000);
});
