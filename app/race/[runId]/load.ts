import { cookies } from "next/headers";
import { controlCookie, publicMeta, type PublicRaceMeta } from "@/lib/race/meta";
import { readMeta, readResult } from "@/lib/race/server/meta-store";
import { tokenMatches } from "@/lib/race/server/start";
import { toStreamedResult, type StreamedResult } from "@/lib/race/streamed-result";
import type { Trace } from "@/lib/trace";

export interface RoomData {
  meta: PublicRaceMeta;
  canControl: boolean;
  /** A finished run: its whole trace, so ?step=N points into it at once. */
  initial: { trace: Trace; result: StreamedResult } | null;
}

/** What a race page needs from Redis; null = unknown or expired run. */
export async function loadRoom(runId: string): Promise<RoomData | null> {
  const meta = await readMeta(runId);
  if (!meta) return null;
  const result = await readResult(runId);
  const token = (await cookies()).get(controlCookie(runId))?.value;
  return {
    meta: publicMeta(meta),
    canControl: tokenMatches(token, meta.controlHash),
    initial: result ? { trace: result.trace, result: toStreamedResult(result) } : null,
  };
}
