import { redisHealth } from "@/lib/redis/health";

// Health must reflect Redis right now, never a build-time snapshot.
export const dynamic = "force-dynamic";

/** redis: "ok" | "full" (at maxmemory: runs fail until space is freed) | "down". */
export async function GET() {
  const redis = await redisHealth();
  return Response.json(
    {
      app: "ok",
      redis: redis.state,
      redisLatencyMs: redis.latencyMs ?? null,
      redisUsedMemoryBytes: redis.usedMemoryBytes ?? null,
      redisMaxMemoryBytes: redis.maxMemoryBytes ?? null,
    },
    { status: 200, headers: { "cache-control": "no-store" } },
  );
}
