// Integration tests talk to a real redis-server (REDIS_URL from `npm test`, or one started here
// when vitest runs directly) and to the real worker bundle, built here so it is never stale.
import { execFileSync } from "node:child_process";
import { redisForThisProcess } from "./redis-server.mjs";

export default async function setup(): Promise<() => Promise<void>> {
  execFileSync(process.execPath, ["scripts/build-engine.mjs"], { stdio: "inherit" });
  const redis = await redisForThisProcess({ quiet: true });
  process.env.REDIS_URL = redis.url;
  return async () => {
    await redis.stop();
  };
}
