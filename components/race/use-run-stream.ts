"use client";
/**
 * Follows a run over SSE and folds its events into a Trace. Updates are batched (a crowd run
 * sends thousands of events) so the timeline re-renders a few times a second, not per event.
 */
import { useEffect, useRef, useState } from "react";
import { appendEvents, emptyTrace } from "@/lib/race/live-trace";
import type { StreamedResult } from "@/lib/race/streamed-result";
import type { Trace, TraceEvent } from "@/lib/trace";

export type StreamState = "connecting" | "live" | "ended" | "failed";

export interface RunStream {
  trace: Trace;
  result: StreamedResult | null;
  state: StreamState;
  /** Events received over SSE (for tests and the status line). */
  received: number;
}

export function useRunStream(runId: string, initial: { trace: Trace; result: StreamedResult } | null): RunStream {
  const [trace, setTrace] = useState<Trace>(() => initial?.trace ?? emptyTrace());
  const [result, setResult] = useState<StreamedResult | null>(initial?.result ?? null);
  const [state, setState] = useState<StreamState>(initial ? "ended" : "connecting");
  const [received, setReceived] = useState(0);
  const buffer = useRef<TraceEvent[]>([]);

  useEffect(() => {
    if (initial) return;
    const es = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let count = 0;
    const flush = () => {
      timer = undefined;
      const batch = buffer.current;
      buffer.current = [];
      if (batch.length) setTrace((t) => appendEvents(t, batch));
      setReceived(count);
    };
    const schedule = () => {
      // Small runs feel instant; big ones re-render at most a few times a second.
      timer ??= setTimeout(flush, count < 300 ? 30 : 400);
    };
    es.onopen = () => setState("live");
    es.addEventListener("trace", (m) => {
      buffer.current.push(JSON.parse((m as MessageEvent<string>).data) as TraceEvent);
      count++;
      schedule();
    });
    es.addEventListener("result", (m) => {
      const r = JSON.parse((m as MessageEvent<string>).data) as StreamedResult;
      if (timer) clearTimeout(timer);
      flush();
      setTrace((t) => appendEvents(t, [], r.clients));
      setResult(r);
    });
    es.addEventListener("close", () => {
      es.close();
      if (timer) clearTimeout(timer);
      flush();
      setState("ended");
    });
    es.onerror = () => {
      // EventSource reconnects by itself (resuming at Last-Event-ID) unless the server refused.
      if (es.readyState === EventSource.CLOSED) setState("failed");
      else setState("connecting");
    };
    return () => {
      if (timer) clearTimeout(timer);
      es.close();
    };
    // `initial` only matters on mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runId]);

  return { trace, result, state, received };
}
