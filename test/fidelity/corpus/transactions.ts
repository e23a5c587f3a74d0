/** WATCH/MULTI/EXEC edge cases: what Redis and ioredis do at the corners. */
import { program } from "./program";

const EDGE = "edge case";

export const TRANSACTION_PROGRAMS = [
  program({ name: "exec-runtime-error", origin: `${EDGE}: an error inside EXEC`, state: ["a", "k"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    await redis.set("k", "not a number");
    const res = await redis.multi().set("a", "1").incr("k").get("a").exec();
    console.log(res.length, res[0], res[2]);
    console.log(res[1].length, res[1][0] instanceof Error, res[1][0].name, res[1][0].message);
    await redis.quit();
  `),
  program({ name: "exec-runtime-error-printed", origin: `${EDGE}: an error inside EXEC, printed whole`, state: ["a", "k"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    await redis.set("k", "x");
    console.log(await redis.multi().set("a", "1").incr("k").exec());
    await redis.quit();
  `),
  program({ name: "execabort-wrong-args", origin: `${EDGE}: EXECABORT, nothing runs`, state: ["a"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    try {
      await redis.multi().set("a", "1").incr("a", "extra").exec();
      console.log("committed?");
    } catch (e) {
      console.log(e.message);
      console.log(e.previousErrors.length, e.previousErrors[0].message);
    }
    console.log(await redis.exists("a"));
    await redis.quit();
  `),
  program({ name: "empty-transaction", origin: `${EDGE}: an empty transaction`, state: [] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    console.log(await redis.multi().exec());
    await redis.quit();
  `),
  program({ name: "watch-conflict-null", origin: `${EDGE}: EXEC after a conflicting write resolves to null`, state: ["balance"], setup: [["SET", "balance", "100"]] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    const other = redis.duplicate();
    await redis.watch("balance");
    const seen = await redis.get("balance");
    await other.incrby("balance", 7);
    const result = await redis.multi().set("balance", Number(seen) + 50).exec();
    console.log(result, await redis.get("balance"));
    await other.quit();
    await redis.quit();
  `),
  program({ name: "watch-unwatch", origin: `${EDGE}: UNWATCH releases the key`, state: ["k"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    const other = redis.duplicate();
    console.log(await redis.watch("k"), await redis.unwatch());
    await other.set("k", "1");
    console.log(await redis.multi().incr("k").exec());
    await other.quit();
    await redis.quit();
  `),
  program({ name: "watch-several-keys", origin: `${EDGE}: WATCH of two keys, one changes`, state: ["a", "b"], setup: [["SET", "a", "1"], ["SET", "b", "2"]] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    const other = redis.duplicate();
    await redis.watch("a", "b");
    await other.set("b", "20");
    console.log(await redis.multi().set("a", "10").exec());
    console.log(await redis.mget("a", "b"));
    await other.quit();
    await redis.quit();
  `),
  program({ name: "promise-all-flows", origin: `${EDGE}: several WATCH flows at once with Promise.all`, state: ["c:1", "c:2"], setup: [["SET", "c:1", "10"]] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    async function add(id: number, n: number): Promise<number> {
      const conn = redis.duplicate();
      try {
        for (;;) {
          await conn.watch("c:" + id);
          const cur = Number((await conn.get("c:" + id)) ?? 0);
          const res = await conn.multi().set("c:" + id, cur + n).exec();
          if (res) return cur + n;
        }
      } finally {
        await conn.quit();
      }
    }
    console.log(await Promise.all([add(1, 5), add(2, 3)]));
    await redis.quit();
  `),
  program({ name: "promise-all-replies", origin: `${EDGE}: Promise.all of plain commands`, state: ["n"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    const replies = await Promise.all([redis.incr("n"), redis.incr("n"), redis.incrby("n", 10), redis.get("n")]);
    console.log(replies);
    await redis.quit();
  `),
  program({ name: "nested-replies", origin: `${EDGE}: nested objects in replies`, state: ["h", "l", "z"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    await redis.hset("h", { a: "1", "b c": "two words", "it's": "quoted" });
    await redis.rpush("l", "x", "y");
    await redis.zadd("z", 1.5, "m");
    const res = await redis.multi().hgetall("h").lrange("l", 0, -1).zrange("z", 0, -1, "WITHSCORES").hgetall("missing").exec();
    console.log(res);
    console.log({ replies: res, count: res.length });
    await redis.quit();
  `),
  program({ name: "watch-inside-multi", origin: `${EDGE}: WATCH queued inside MULTI`, state: ["k"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    try {
      console.log(await redis.multi().set("k", "1").watch("k").exec());
    } catch (e) {
      console.log(e.message, e.previousErrors.map((x) => x.message));
    }
    await redis.quit();
  `),
  program({ name: "discard-pipeline", origin: `${EDGE}: discard() on a multi() chain queues DISCARD`, state: ["a"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    const tx = redis.multi().set("a", "1");
    tx.discard();
    console.log(await redis.get("a"));
    await redis.quit();
  `),
  program({ name: "reply-error-rejection", origin: `${EDGE}: a command's error rejects its promise`, state: ["k"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    await redis.set("k", "v");
    try {
      await redis.incr("k");
    } catch (e) {
      console.log(e instanceof Error, e.name, e.message);
    }
    await redis.lpush("k", "x").catch((e) => console.log("caught:", e.message));
    await redis.quit();
  `),
  program({ name: "reply-error-printed", origin: `${EDGE}: console.log of a ReplyError`, state: ["k"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    await redis.set("k", "v");
    try {
      await redis.incrby("k", 5);
    } catch (e) {
      console.log(e);
    }
    await redis.quit();
  `),
  program({ name: "uncaught-reply-error", origin: `${EDGE}: an uncaught ReplyError ends the program`, state: ["k"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    await redis.set("k", "v");
    console.log("before");
    await redis.incr("k");
    console.log("never printed");
  `),
  program({ name: "quit-twice", origin: `${EDGE}: quit() then a command`, state: [] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    console.log(await redis.ping());
    console.log(await redis.quit());
    try {
      await redis.get("x");
    } catch (e) {
      console.log(e.message);
    }
  `),
];
