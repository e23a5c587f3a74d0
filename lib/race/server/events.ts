/**
 * A run's trace as Server-Sent Events, read from its Redis Stream on a dedicated connection
 * (XREAD BLOCK would hold up every other command on a shared one). Any instance can serve any
 * run: the stream is the only source. Resumes after Last-Event-ID (= the stream entry id), sends
 * a heartbeat while the run is quiet, and ends after the run's `end` event plus its result.
 */
import { SERVICE_CONNECTION_OPTIONS } from "@/lib/redis/config";
import { createServiceRedis } from "@/lib/redis/service-client";
import { readEntries, readStoredResult, runHasEnded } from "@/lib/race-stream";
import type { RunResult } from "@/lib/runner/types";
import { toStreamedResult } from "../streamed-result";

const BLOCK_MS = 15_000;
const BATCH = 500;
const enc = new TextEncoder();
const frame = (s: string) => enc.encode(s);

export function runEventStream(runId: string, after: string, opts: { signal: AbortSignal; onClose: () => void }): ReadableStream<Uint8Array> {
  // A client of its own, for the target configured (on a cluster it follows the stream's slot).
  const conn = createServiceRedis({ ...SERVICE_CONNECTION_OPTIONS, enableOfflineQueue: true, maxRetriesPerRequest: 1 });
  let last = after;
  let finished = false;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    conn.disconnect();
    opts.onClose();
  };
  opts.signal.addEventListener("abort", close, { once: true });

  const sendResult = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    // The engine stores the result right after publishing `end`: give it a moment.
    let raw: string | null = null;
    for (let i = 0; i < 40 && raw === null && !closed; i++) {
      raw = await readStoredResult(conn, runId);
      if (raw === null) await new Promise((r) => setTimeout(r, 50));
    }
    if (raw !== null) {
      const out = toStreamedResult(JSON.parse(raw) as RunResult);
      controller.enqueue(frame(`event: result\ndata: ${JSON.stringify(out)}\n\n`));
    }
    controller.enqueue(frame("event: close\ndata: {}\n\n"));
    controller.close();
    close();
  };

  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(frame("retry: 2000\n: connected\n\n"));
    },
    async pull(controller) {
      if (closed) return;
      try {
        // A finished run is replayed without blocking; a live one is followed with XREAD BLOCK.
        if (!finished) finished = await runHasEnded(conn, runId);
        const entries = await readEntries(conn, runId, last, finished ? { count: BATCH } : { count: BATCH, blockMs: BLOCK_MS });
        if (entries.length === 0) {
          if (finished) return await sendResult(controller);
          controller.enqueue(frame(": heartbeat\n\n"));
          return;
        }
        let sawEnd = false;
        let chunk = "";
        for (const { id, frame: data, event } of entries) {
          last = id;
          chunk += `id: ${id}\nevent: trace\ndata: ${data}\n\n`;
          if (event?.kind === "end") sawEnd = true;
        }
        controller.enqueue(frame(chunk));
        if (sawEnd) await sendResult(controller);
      } catch {
        if (closed) return;
        controller.enqueue(frame(`event: failure\ndata: ${JSON.stringify({ message: "Lost the connection to Redis; reconnecting." })}\n\n`));
        controller.close();
        close();
      }
    },
    cancel() {
      close();
    },
  });
}
