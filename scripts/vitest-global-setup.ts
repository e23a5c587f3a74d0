// Integration tests talk to a real redis-server: REDIS_URL from `npm test`, or one started here
// when vitest is run directly.
import { redisForThisProcess } from "./redis-server.mjs";

export default async function setup(): Promise<() => Promise<void>> {
  const redis = await redisForThisProcess({ quiet: true });
  process.env.REDIS_URL = redis.url;
  return async () => {
    await redis.stop();
  };
}
