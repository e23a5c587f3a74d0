/**
 * A run's trace as Server-Sent Events, read from its Redis Stream on a dedicated connection
 * (XREAD BLOCK would hold up every other command on a shared one). Any instance can serve any
 * run: the stream is the only source. Resumes after Last-Event-ID (= the stream entry id), sends
 * a heartbeat while the run is quiet, and ends after the run's `end` event plus its result.
 *
 * A viewer costs one Redis connection, on a cluster too: a plain one to the master that owns the
 * run's slot (lib/redis/run-node-connection.ts). When the slot moves or its master fails over,
 * the read fails and the stream ends; the browser's EventSource reconnects by itself and resumes
 * at its Last-Event-ID on the slot's new master.
 */
import type Redis from "ioredis";
import type { RedisOptions } from "ioredis";
import { runNodeConnection, slotMapStale } from "@/lib/redis/run-node-connection";
import { serviceRedis } from "@/lib/redis/service-client";
import { readEntries, readStoredResult, runHasEnded } from "@/lib/race-stream";
import type { RunResult } from "@/lib/runner/types";
import { toStreamedResult } from "../streamed-result";

const BLOCK_MS = 15_000;
const BATCH = 500;
const enc = new TextEncoder();
const frame = (s: string) => enc.encode(s);

/**
 * Commands wait for the connection to open (offline queue), nothing is retried or reconnected
 * (a new stream is the retry), and a node that stops answering ends the stream within a bound.
 */
const VIEWER_CONNECTION: RedisOptions = {
  enableOfflineQueue: true,
  maxRetriesPerRequest: 0,
  retryStrategy: () => null,
  connectTimeout: 2000,
  commandTimeout: BLOCK_MS + 5000,
  enableAutoPipelining: false,
  // Named, so an operator (and the cluster test) can count viewers in CLIENT LIST.
  connectionName: "pg-viewer",
};

export function runEventStream(runId: string, after: string, opts: { signal: AbortSignal; onClose: () => void }): ReadableStream<Uint8Array> {
  const service = serviceRedis();
  const connecting = runNodeConnection(service, runId, VIEWER_CONNECTION);
  connecting.catch(() => {}); // a failure to connect is answered in pull()
  let last = after;
  let finished = false;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    void connecting.then((c) => c.disconnect(), () => {});
    opts.onClose();
  };
  opts.signal.addEventListener("abort", close, { once: true });

  const sendResult = async (conn: Redis, controller: ReadableStreamDefaultController<Uint8Array>) => {
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
        const conn = await connecting;
        // A finished run is replayed without blocking; a live one is followed with XREAD BLOCK.
        if (!finished) finished = await runHasEnded(conn, runId);
        const entries = await readEntries(conn, runId, last, finished ? { count: BATCH } : { count: BATCH, blockMs: BLOCK_MS });
        if (entries.length === 0) {
          if (finished) return await sendResult(conn, controller);
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
        if (sawEnd) await sendResult(conn, controller);
      } catch {
        if (closed) return;
        slotMapStale(service);
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
