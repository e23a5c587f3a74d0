import { redisHealth } from "@/lib/redis/health";
import { warmState, warmUp } from "@/lib/runner/host/warm-up";
import { admissionLoad } from "@/lib/admission";
import { openViewers } from "@/lib/race/server/admission";

// Health must reflect Redis right now, never a build-time snapshot.
export const dynamic = "force-dynamic";

/**
 * app: "ok" once the sandbox pool is warm (a first run went through every worker), "starting"
 * before that, with status 503 so load balancers and test runners wait for it.
 * redis: "ok" | "full" (at maxmemory: runs fail until space is freed) | "down".
 * redisNodes: every master (one on a single server) with its own latency, memory and clients -
 * numbered in address order, not named: this endpoint is public, and Redis's addresses and
 * connection errors are for the operator's logs, not for anyone who asks.
 * runs / raceViewers: this instance's load (see ARCHITECTURE.md, "Capacity", for what to watch).
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
      redisNodes: [...redis.nodes].sort((a, b) => a.node.localeCompare(b.node)).map(({ node: _address, error: _error, ...figures }, i) => ({ master: i + 1, ...figures })),
      runs: admissionLoad(),
      raceViewers: openViewers(),
    },
    { status: warm.warm ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
