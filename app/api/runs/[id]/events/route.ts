import type { NextRequest } from "next/server";
import { serviceRedis } from "@/lib/redis/service-client";
import { RUN_ID_PATTERN } from "@/lib/redis/namespace";
import { STREAM_ID, streamKeys } from "@/lib/race-stream";
import { metaKey } from "@/lib/race/meta";
import { requestClient } from "@/lib/http/request-client";
import { openViewer } from "@/lib/race/server/admission";
import { runEventStream } from "@/lib/race/server/events";
import { httpStatus, VIEW_REDIS_DOWN } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** SSE: the run's trace events as they happen (or replayed, for a finished run). */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!RUN_ID_PATTERN.test(id)) return Response.json({ error: "Unknown run." }, { status: 404 });
  const keys = streamKeys(id);
  const known = await serviceRedis().exists(keys.events, keys.result, metaKey(id)).catch(() => -1);
  if (known === -1) return Response.json({ error: VIEW_REDIS_DOWN }, { status: httpStatus("redis_unavailable") });
  if (known === 0) return Response.json({ error: "This run does not exist or is older than 24 hours." }, { status: 404 });

  // Open to anyone with the link (no instructor key), but bounded per browser and per instance.
  const slot = openViewer(requestClient(request).key);
  if (!slot.ok) return Response.json({ error: slot.message }, { status: 429, headers: { "retry-after": "30" } });
  const url = new URL(request.url);
  const resume = request.headers.get("last-event-id") ?? url.searchParams.get("after") ?? "";
  const after = STREAM_ID.test(resume) ? resume : "0";
  const body = runEventStream(id, after, { signal: request.signal, onClose: slot.release });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
