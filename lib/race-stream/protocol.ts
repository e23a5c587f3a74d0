/**
 * The race stream's protocol: a streamed run's trace events go, one JSON frame per entry in
 * field "e", to a Redis Stream per run; its bounded result is stored beside it when it ends.
 * Writer (the engine) and reader (the SSE route, benchmarks) both speak through this folder,
 * which sits below lib/runner and lib/race and knows only the trace contract and key names.
 */
import type { TraceEvent } from "../trace";
import { REPLAY_TTL_S, serviceKeys } from "../redis/namespace";

/** How long a streamed run (events and result) stays replayable. */
export const STREAM_TTL_S = REPLAY_TTL_S;

/**
 * Entries a run's stream keeps. The trace keeps at most 8,000 events (MAX_TRACE_EVENTS in
 * lib/runner/recorder.ts; a test holds the two together) and the writer gets only those, so
 * this is a backstop: MAXLEN ~ trims whole nodes, cheaply.
 */
export const STREAM_MAX_ENTRIES = 8_100;

/** One streamed event's JSON at most; the recorder's bounds keep real events far below it. */
export const STREAM_EVENT_MAX_CHARS = 16_000;

/** The field of a stream entry that holds the event's JSON. */
export const EVENT_FIELD = "e";

/** The Redis keys of a run's stream and of its stored result. */
export function streamKeys(runId: string): { events: string; result: string } {
  const { events, result } = serviceKeys(runId);
  return { events, result };
}

const TOO_LARGE = "... (too large to show)";

/** The event as streamed: whole, or with its values replaced when it is larger than a frame should be. */
export function streamedEvent(e: TraceEvent): string {
  const json = JSON.stringify(e);
  if (json.length <= STREAM_EVENT_MAX_CHARS) return json;
  // Every other field is short (ids, names, numbers); the recorder cuts texts and key names.
  const cut = (t: string) => t.slice(0, 1000);
  const slim: TraceEvent =
    e.kind === "command"
      ? { ...e, args: [TOO_LARGE], ...(e.reply !== undefined ? { reply: TOO_LARGE } : {}), ...(e.error !== undefined ? { error: cut(e.error) } : {}) }
      : e.kind === "pause"
        ? { ...e, args: [TOO_LARGE] }
        : e.kind === "end"
          ? { ...e, ...(e.message !== undefined ? { message: cut(e.message) } : {}) }
          : { ...e, text: cut(e.text) };
  return JSON.stringify(slim);
}

const KINDS: ReadonlySet<string> = new Set<TraceEvent["kind"]>(["command", "console", "interference", "pause", "end"]);

/** A frame back into its event; null for anything that is not one (a foreign or damaged entry). */
export function parseStreamedEvent(frame: string | undefined): TraceEvent | null {
  if (frame === undefined) return null;
  try {
    const v = JSON.parse(frame) as unknown;
    return typeof v === "object" && v !== null && KINDS.has(String((v as { kind?: unknown }).kind)) ? (v as TraceEvent) : null;
  } catch {
    return null;
  }
}
