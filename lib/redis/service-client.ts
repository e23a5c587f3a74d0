import Redis from "ioredis";
import { redisUrl, SERVICE_CONNECTION_OPTIONS } from "./config";

/**
 * The web tier's own connection (health, race-lab control and streams). Created on first use,
 * never at import: `next build` imports route modules and must not try to connect.
 */
const g = globalThis as unknown as { __playgroundService?: Redis };

export function serviceRedis(): Redis {
  if (!g.__playgroundService) {
    g.__playgroundService = new Redis(redisUrl(), SERVICE_CONNECTION_OPTIONS);
    g.__playgroundService.on("error", () => {});
  }
  return g.__playgroundService;
}
