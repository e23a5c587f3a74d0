// A pooled connection goes to the next run - often another learner's - so nothing a run did to
// it may stay: above all a WATCH, which would make that run's EXEC come back null for no reason
// it could see. One worker, so the next run surely gets the connection this one handed back.
process.env.PLAYGROUND_WORKERS = "1";
import { describe, expect, it } from "vitest";
import { run } from "../test-support";

// WATCH, then quit() without EXEC or UNWATCH: the guest's quit() closes only its handle, and the
// connection itself goes back to the pool (see bridge/session.ts).
const watchThenQuit = `
import Redis from "ioredis";
const redis = new Redis();
await redis.set("balance:1", "5");
const conn = redis.duplicate();
await conn.watch("balance:1");
await conn.get("balance:1");
await conn.quit();
await redis.quit();
`;

// Two connections, each a plain transaction: without a WATCH of its own, EXEC must commit.
const canary = `
import Redis from "ioredis";
const a = new Redis();
const b = new Redis();
const first = await a.multi().set("c", "1").exec();
const second = await b.multi().set("c", "2").exec();
console.log(first === null || second === null ? "aborted" : "committed");
`;

describe("handing connections back", () => {
  it("a WATCH left on a connection that was quit does not reach the next run", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await run(watchThenQuit)).status).toBe("ok");
      // The first run's key is deleted when it ends: a stale WATCH on it would abort these.
      for (let j = 0; j < 3; j++) expect((await run(canary)).output).toEqual(["committed"]);
    }
  });
});
