/**
 * What crosses the worker boundary: the host sends a task (the request with its limits already
 * resolved, once, on the host) and the worker answers with the result as JSON text.
 */
import type { RunLimits, RunRequest } from "../types";

export interface WorkerTask {
  request: RunRequest;
  limits: RunLimits;
}

/**
 * The result as JSON text: a structured clone of a trace (dozens of small objects) costs more,
 * on both threads, than writing and parsing it (~0.1 ms of a run's latency). The text is
 * bounded (see result-json.ts).
 */
export type WorkerAnswer = string;

/** The bundled worker, relative to the project root (built by scripts/build-engine.mjs from entry.ts). */
export const WORKER_BUNDLE = ".engine/worker.mjs";
