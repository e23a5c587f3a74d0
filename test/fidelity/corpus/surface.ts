/** The rest of the ioredis surface learners touch: call(), events, status, callbacks. */
import { program } from "./program";

const SURFACE = "ioredis API";

export const SURFACE_PROGRAMS = [
  program({ name: "call-set", origin: `${SURFACE}: call() for an allowed command`, state: ["x", "h"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    console.log(await redis.call("SET", "x", "1"));
    console.log(await redis.call("incrby", "x", 5), await redis.call("GET", "x"));
    await redis.call("hset", "h", "f", "v");
    console.log(await redis.call("hgetall", "h"));
    await redis.quit();
  `),
  program({ name: "events-ready-connect", origin: `${SURFACE}: on("connect"/"ready"/"close"/"end")`, state: ["k"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    console.log(redis.status);
    redis.on("connect", () => console.log("connect", redis.status));
    redis.once("ready", () => console.log("ready", redis.status));
    redis.on("error", (err) => console.error("Redis error", err));
    redis.on("close", () => console.log("close"));
    redis.on("end", () => console.log("end", redis.status));
    await redis.set("k", "v");
    console.log("set done", redis.status);
    await redis.quit();
    console.log("quit done");
  `),
  program({ name: "events-off", origin: `${SURFACE}: off() removes a listener`, state: [] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    const onReady = () => console.log("never");
    redis.on("ready", onReady);
    redis.off("ready", onReady);
    redis.on("ready", () => console.log("ready once"));
    console.log(await redis.ping());
    await redis.quit();
  `),
  program({ name: "events-duplicate", origin: `${SURFACE}: events on a duplicate()`, state: [] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    redis.on("ready", () => console.log("redis ready"));
    await redis.ping();
    const conn = redis.duplicate();
    conn.on("ready", () => console.log("conn ready", conn.status));
    console.log(await conn.ping("hello"));
    await conn.quit();
    await redis.quit();
  `),
  program({ name: "callbacks-errors", origin: `${SURFACE}: a callback gets the error first`, state: ["k"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    await redis.set("k", "v");
    await new Promise<void>((resolve) => {
      redis.incr("k", (err, res) => {
        console.log(err ? err.message : "no error", res);
        resolve();
      });
    });
    await redis.quit();
  `),
  program({ name: "status-after-quit", origin: `${SURFACE}: status through a connection's life`, state: [] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    console.log(redis.status);
    await redis.ping();
    console.log(redis.status);
    await redis.quit();
    await new Promise((r) => setTimeout(r, 20));
    console.log(redis.status);
  `),
  program({ name: "end-listener-after-quit", origin: `${SURFACE}: close/end listeners added once quit() resolved`, state: [] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    await redis.ping();
    await redis.quit();
    redis.on("close", () => console.log("close"));
    redis.once("end", () => console.log("end", redis.status));
    await new Promise((r) => setTimeout(r, 20));
    console.log("after", redis.status);
  `),
  program({ name: "named-import", origin: `${SURFACE}: the named export`, state: ["k"] }, `
    import { Redis } from "ioredis";
    import IORedis from "ioredis";
    const a = new Redis();
    const b = new IORedis();
    await a.set("k", "1");
    console.log(await b.get("k"), Redis === IORedis);
    await a.quit();
    await b.quit();
  `),
];
