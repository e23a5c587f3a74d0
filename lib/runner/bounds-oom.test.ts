// Redis at maxmemory refusing a learner's write: the run ends with "the playground's Redis is
// full" (not an internal problem, not the learner's error), and runs work again once there is
// room. This file runs the engine in-process against its own server, which it fills on purpose.
import { afterAll, describe, expect, it } from "vitest";
import type { RunRequest } from "./types";
import Redis from "ioredis";
import { startLocalRedis } from "../../scripts/redis-server.mjs";
import { REDIS_FULL } from "./service-errors";

const server = await startLocalRedis({ log: () => {} });
process.env.REDIS_URL = server.url;
const { executeRun: executeTask } = await import("./worker/execute-run");
const { resolveLimits } = await import("./limits/defaults");
/** The worker's side of a run, in this process: the limits resolved as the host would. */
const executeRun = (request: RunRequest) => executeTask({ request, limits: resolveLimits(request.limits) });
const admin = new Redis(server.url);

afterAll(async () => {
  admin.disconnect();
  await server.stop();
});

/** The program waits until the test deleted "go" (DEL works at maxmemory), then writes. */
const waitForGo = `import Redis from "ioredis";\nconst r = new Redis();\nwhile (await r.exists("go")) await sleep(10);\n`;

async function whileFull(write: string): Promise<Awaited<ReturnType<typeof executeRun>>> {
  const runId = `oom${Math.random().toString(36).slice(2, 10)}`;
  const pending = executeRun({ source: waitForGo + write, runId, setup: [["SET", "go", "1"]] });
  const go = `{r:${runId}}:go`;
  while (!(await admin.exists(go))) await new Promise((r) => setTimeout(r, 10));
  await admin.config("SET", "maxmemory", "1");
  try {
    await admin.del(go);
    return await pending;
  } finally {
    await admin.config("SET", "maxmemory", "256mb");
  }
}

describe("Redis out of memory", () => {
  it("a write refused with OOM ends the run as REDIS_FULL", async () => {
    const res = await whileFull(`await r.set("b", "2");`);
    expect(res.status).toBe("error");
    expect(res.error).toEqual(REDIS_FULL);
  });

  it("inside a transaction too", async () => {
    const res = await whileFull(`await r.multi().set("b", "2").incr("c").exec();`);
    expect(res.error).toEqual(REDIS_FULL);
  });

  it("and runs work again once there is room", async () => {
    const res = await executeRun({ source: `import Redis from "ioredis";\nconst r = new Redis();\nawait r.set("a", "1");\nconsole.log(await r.get("a"));` });
    expect(res.status).toBe("ok");
    expect(res.output).toEqual(["1"]);
  });
});
