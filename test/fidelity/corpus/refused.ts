/** Programs the playground refuses on purpose, each with the refusal it must get and why. */
import { program } from "./program";

export const REFUSED_PROGRAMS = [
  program({ name: "refused-keys", origin: "ioredis README, a KEYS pattern", refusal: { code: "forbidden_command", message: /^KEYS isn't allowed.*whole database/, why: "KEYS scans a database that every learner shares" } }, `
    import Redis from "ioredis";
    const redis = new Redis();
    console.log(await redis.keys("*"));
  `),
  program({ name: "refused-flushall", origin: "cleanup code copied from tests", refusal: { code: "forbidden_command", message: /^FLUSHALL isn't allowed.*wipe/, why: "FLUSHALL would wipe other learners' data" } }, `
    import Redis from "ioredis";
    const redis = new Redis();
    await redis.flushall();
  `),
  program({ name: "refused-eval", origin: "ioredis README, Lua scripting", refusal: { code: "forbidden_command", message: /^EVAL isn't allowed.*scripts/, why: "server-side scripts are outside a course about WATCH/MULTI/EXEC" } }, `
    import Redis from "ioredis";
    const redis = new Redis();
    console.log(await redis.eval("return 1", 0));
  `),
  program({ name: "refused-call-keys", origin: "call() naming a refused command", refusal: { code: "forbidden_command", message: /^KEYS isn't allowed/, why: "call() goes through the same allowlist as the named methods" } }, `
    import Redis from "ioredis";
    const redis = new Redis();
    console.log(await redis.call("KEYS", "*"));
  `),
  program({ name: "refused-subscribe", origin: "ioredis README, Pub/Sub", refusal: { code: "forbidden_command", message: /^SUBSCRIBE isn't allowed.*pub\/sub/, why: "pub/sub would hold a shared connection" } }, `
    import Redis from "ioredis";
    const redis = new Redis();
    await redis.subscribe("news");
  `),
  program({ name: "refused-import-fs", origin: "a program that reads a file", refusal: { code: "forbidden_import", message: /Only "ioredis" can be imported/, why: "the sandbox has no file system, network or process" } }, `
    import { readFileSync } from "node:fs";
    console.log(readFileSync("/etc/hostname", "utf8"));
  `),
  program({ name: "refused-define-command", origin: "ioredis README, defineCommand", refusal: { code: "runtime", message: /`redis\.defineCommand` is an ioredis method the playground doesn't offer/, why: "defineCommand defines Lua scripts, which the playground doesn't run" } }, `
    import Redis from "ioredis";
    const redis = new Redis();
    redis.defineCommand("myecho", { numberOfKeys: 2, lua: "return {KEYS[1],KEYS[2],ARGV[1],ARGV[2]}" });
  `),
  program({ name: "refused-python", origin: "the course's own Python (redis-py)", refusal: { code: "syntax", message: /TypeScript with ioredis.*unit 1/s, why: "the playground runs TypeScript; the message points to the same pattern in TypeScript" } }, `
    import redis

    client = redis.Redis()

    def update_balance(user_id, increment):
        key = f"balance:{user_id}"
        with client.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    current = int(pipe.get(key) or 0)
                    pipe.multi()
                    pipe.set(key, current + increment)
                    pipe.execute()
                    break
                except redis.WatchError:
                    continue
  `),
];
