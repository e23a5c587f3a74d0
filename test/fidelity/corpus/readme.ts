/** The ioredis README's and examples/' programs, written with await where they used callbacks only for brevity. */
import { program } from "./program";

const README = "ioredis README";

export const README_PROGRAMS = [
  program({ name: "readme-basic", origin: `${README}, Basic Usage`, state: ["mykey", "sortedSet"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    await redis.set("mykey", "value");
    console.log(await redis.get("mykey"));
    await redis.zadd("sortedSet", 1, "one", 2, "dos", 4, "quatro", 3, "three");
    const elements = await redis.zrange("sortedSet", 0, 2, "WITHSCORES");
    console.log(elements);
    console.log(await redis.set("mykey", "hello", "EX", 10));
    await redis.quit();
  `),
  program({ name: "readme-callback", origin: `${README}, Basic Usage (callback style)`, state: ["mykey"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    await redis.set("mykey", "value");
    redis.get("mykey", (err, result) => {
      if (err) {
        console.error(err);
      } else {
        console.log(result);
      }
    });
    redis.get("mykey").then((result) => {
      console.log(result);
    });
    await redis.quit();
  `),
  program({ name: "readme-multi-chained", origin: `${README}, Transaction`, state: ["foo"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    const results = await redis.multi().set("foo", "bar").get("foo").exec();
    console.log(results);
    await redis.quit();
  `),
  program({ name: "readme-multi-execabort", origin: `${README}, Transaction (syntax error in the chain)`, state: ["foo"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    try {
      await redis.multi().set("foo").set("foo", "new value").exec();
    } catch (err) {
      console.log(err.name, err.message);
      console.log(err.previousErrors.map((e) => e.message));
    }
    console.log(await redis.get("foo"));
    await redis.quit();
  `),
  program({ name: "readme-multi-callbacks", origin: `${README}, Transaction (callbacks get QUEUED)`, state: ["foo"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    await redis
      .multi()
      .set("foo", "bar", (err, result) => {
        console.log("queued:", err, result);
      })
      .exec((err, results) => {
        console.log("exec:", err, results);
      });
    await redis.quit();
  `),
  program({ name: "readme-pipeline-step", origin: `${README}, Pipelining`, state: ["foo", "cc"], setup: [["SET", "cc", "1"]] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    const pipeline = redis.pipeline();
    pipeline.set("foo", "bar");
    pipeline.del("cc");
    const results = await pipeline.exec();
    console.log(results);
    await redis.quit();
  `),
  program({ name: "readme-pipeline-chained", origin: `${README}, Pipelining (chained)`, state: ["foo"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    const result = await redis.pipeline().set("foo", "bar").get("foo").exec();
    console.log(result);
    console.log(result[1][1] === "bar");
    await redis.quit();
  `),
  program({ name: "readme-pipeline-array", origin: `${README}, Pipelining (array of commands)`, state: ["foo"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    const results = await redis.pipeline([["set", "foo", "bar"], ["get", "foo"]]).exec();
    console.log(results);
    console.log(redis.pipeline().set("foo", "bar").get("foo").length);
    await redis.quit();
  `),
  program({ name: "readme-pipeline-callbacks", origin: `${README}, Pipelining (a callback per command)`, state: ["foo"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    await redis
      .pipeline()
      .set("foo", "bar")
      .get("foo", (err, result) => console.log("get:", result))
      .exec((err, result) => console.log("exec:", err, result[1][1]));
    await redis.quit();
  `),
  program({ name: "readme-multi-no-pipeline", origin: `${README}, Transaction ({ pipeline: false })`, state: ["foo"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    console.log(await redis.multi({ pipeline: false }));
    console.log(await redis.set("foo", "bar"));
    console.log(await redis.get("foo"));
    console.log(await redis.exec());
    await redis.quit();
  `),
  program({ name: "readme-multi-array", origin: `${README}, Transaction (a batch of commands)`, state: ["foo"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    console.log(await redis.multi([["set", "foo", "bar"], ["get", "foo"]]).exec());
    await redis.quit();
  `),
  program({ name: "readme-inline-transaction", origin: `${README}, Transaction (inline, in a pipeline)`, state: ["foo"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    const results = await redis.pipeline().get("foo").multi().set("foo", "bar").get("foo").exec().get("foo").exec();
    console.log(results);
    await redis.quit();
  `),
  program({ name: "example-hash", origin: "ioredis examples/hash.js", state: ["user-hash"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    const user = { name: "Bob", age: "20", description: "I am a programmer" };
    await redis.hset("user-hash", user);
    console.log(await redis.hgetall("user-hash"));
    console.log(await redis.hget("user-hash", "name"));
    console.log(await redis.hmget("user-hash", "name", "age", "missing"));
    await redis.hincrby("user-hash", "age", 1);
    console.log(await redis.hget("user-hash", "age"));
    console.log(await redis.hkeys("user-hash"), await redis.hlen("user-hash"));
    await redis.quit();
  `),
  program({ name: "example-list-set-zset", origin: "ioredis examples/list.js, set.js, zset.js", state: ["list", "set", "zset"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    await redis.rpush("list", "a", "b", "c");
    await redis.lpush("list", "z");
    console.log(await redis.lrange("list", 0, -1), await redis.llen("list"));
    console.log(await redis.lpop("list"), await redis.rpop("list"));
    await redis.sadd("set", 1, 3, 5, 7);
    await redis.sadd("set", [1, 3, 5, 7, 9]);
    console.log((await redis.smembers("set")).sort(), await redis.sismember("set", 3), await redis.scard("set"));
    await redis.zadd("zset", 1, "one", 2, "dos", 4, "quatro", 3, "three");
    console.log(await redis.zrange("zset", 0, -1, "WITHSCORES"));
    console.log(await redis.zscore("zset", "dos"), await redis.zrank("zset", "three"));
    await redis.quit();
  `),
  program({ name: "example-ttl", origin: "ioredis examples/ttl.js", state: ["foo", "bar"] }, `
    import Redis from "ioredis";
    const redis = new Redis();
    await redis.set("foo", "bar", "EX", 100);
    console.log(await redis.ttl("foo"));
    await redis.set("bar", "baz");
    console.log(await redis.ttl("bar"), await redis.expire("bar", 50), await redis.ttl("bar"));
    console.log(await redis.persist("bar"), await redis.ttl("bar"), await redis.ttl("nothing"));
    await redis.quit();
  `),
];
