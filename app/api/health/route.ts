import { redisHealth } from "@/lib/redis/health";
import { warmState, warmUp } from "@/lib/runner/host/warm-up";

// Health must reflect Redis right now, never a build-time snapshot.
export const dynamic = "force-dynamic";

/**
 * app: "ok" once the sandbox pool is warm (a first run went through every worker), "starting"
 * before that, with status 503 so load balancers and test runners wait for it.
 * redis: "ok" | "full" (at maxmemory: runs fail until space is freed) | "down".
 * redisNodes: every master (one on a single server) with its own latency, memory and clients.
 */
export async function GET() {
  // instrumentation.ts starts warming; this makes sure of it (idempotent).
  void warmUp();
  const [redis, warm] = [await redisHealth(), warmState()];
  return Response.json(
    {
      app: warm.warm ? "ok" : "starting",
      warm: warm.warm,
      warmMs: warm.warmMs ?? null,
      redis: redis.state,
      redisLatencyMs: redis.latencyMs ?? null,
      redisUsedMemoryBytes: redis.usedMemoryBytes ?? null,
      redisMaxMemoryBytes: redis.maxMemoryBytes ?? null,
      redisNodes: redis.nodes,
    },
    { status: warm.warm ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
