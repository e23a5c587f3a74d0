/**
 * SSE: a presenting explorer session's steps, the latest first, then each new one as the
 * presenter takes it. Read from the session's Redis Stream on a connection of its own (XREAD
 * BLOCK), so any instance serves any audience. Bounded like the race lab's viewers.
 */
import Redis from "ioredis";
import type { NextRequest } from "next/server";
import { requestClient } from "@/lib/http/request-client";
import { openViewer } from "@/lib/race/server/admission";
import { redisUrl, SERVICE_CONNECTION_OPTIONS } from "@/lib/redis/config";
import { SESSION_ID } from "@/components/explorer/explore-contract";
import { latestStep, sessionExists, stepsAfter } from "@/app/race/explore/session-store";

export const dynamic = "force-dynamic";

/** Short enough that a closed page frees its connection soon; a heartbeat goes out each time. */
const BLOCK_MS = 10_000;
const enc = new TextEncoder();

export async function GET(request: NextRequest, { params }: { params: Promise<{ session: string }> }) {
  const { session } = await params;
  if (!SESSION_ID.test(session)) return Response.json({ error: "Unknown session." }, { status: 404 });
  const known = await sessionExists(session).catch(() => null);
  if (known === null) return Response.json({ error: "The server cannot reach Redis right now. Reload in a moment." }, { status: 503 });
  if (!known) return Response.json({ error: "This presentation has ended or never existed." }, { status: 404 });
  const slot = openViewer(requestClient(request).key);
  if (!slot.ok) return Response.json({ error: slot.message }, { status: 429, headers: { "retry-after": "30" } });

  const conn = new Redis(redisUrl(), { ...SERVICE_CONNECTION_OPTIONS, enableOfflineQueue: true, maxRetriesPerRequest: 1 });
  conn.on("error", () => {});
  let closed = false;
  let last: string | null = null;
  const close = () => {
    if (closed) return;
    closed = true;
    conn.disconnect();
    slot.release();
  };
  request.signal.addEventListener("abort", close, { once: true });
  const frame = (id: string, json: string) => enc.encode(`id: ${id}\nevent: step\ndata: ${json}\n\n`);

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(enc.encode("retry: 1000\n: connected\n\n"));
    },
    async pull(controller) {
      if (closed) return;
      try {
        if (last === null) {
          const latest = await latestStep(conn, session);
          last = latest?.id ?? "0";
          if (latest) controller.enqueue(frame(latest.id, latest.json));
          return;
        }
        const steps = await stepsAfter(conn, session, last, BLOCK_MS);
        if (steps.length === 0) return controller.enqueue(enc.encode(": heartbeat\n\n"));
        // Only the newest matters to a follower.
        const newest = steps.at(-1)!;
        last = newest.id;
        controller.enqueue(frame(newest.id, newest.json));
      } catch {
        if (closed) return;
        controller.close();
        close();
      }
    },
    cancel() {
      close();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
}
