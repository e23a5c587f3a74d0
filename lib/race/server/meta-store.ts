import { serviceRedis } from "@/lib/redis/service-client";
import { RUN_ID_PATTERN } from "@/lib/redis/namespace";
import { readStoredResult } from "@/lib/race-stream";
import type { RunResult } from "@/lib/runner";
import { metaKey, type RaceMeta } from "../meta";

/** The run's meta, or null when the id is malformed, unknown or older than 24 h. */
export async function readMeta(runId: string): Promise<RaceMeta | null> {
  if (!RUN_ID_PATTERN.test(runId)) return null;
  const raw = await serviceRedis().get(metaKey(runId));
  return raw ? (JSON.parse(raw) as RaceMeta) : null;
}

/** The stored result of a finished run (null while it runs). */
export async function readResult(runId: string): Promise<RunResult | null> {
  const raw = await readStoredResult(serviceRedis(), runId);
  return raw ? (JSON.parse(raw) as RunResult) : null;
}
