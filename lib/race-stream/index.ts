export { EVENT_FIELD, parseStreamedEvent, STREAM_EVENT_MAX_CHARS, STREAM_MAX_ENTRIES, STREAM_TTL_S, streamedEvent, streamKeys } from "./protocol";
export { publishUnlessStored, streamWriter, type FinishedRun } from "./writer";
export { readEntries, readStoredResult, runHasEnded, STREAM_ID, type ReadOptions, type StreamEntry } from "./reader";
