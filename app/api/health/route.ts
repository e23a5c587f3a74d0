import { pingRedis } from "@/lib/redis/health";

// Health must reflect Redis right now, never a build-time snapshot.
export const dynamic = "force-dynamic";

export async function GET() {
  const redis = await pingRedis();
  return Response.json(
    { app: "ok", redis: redis.ok ? "ok" : "down", redisLatencyMs: redis.latencyMs ?? null },
    { status: 200, headers: { "cache-control": "no-store" } },
  );
}
