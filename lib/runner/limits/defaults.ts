/**
 * A run's limits: the defaults every run gets, the ceilings a caller may raise them to, and the
 * one place they are resolved (the host, before the run goes to a worker).
 */
import { RUN_CPU_MS } from "../../admission/capacity";
import type { RunLimits } from "../types";

import { CODE_MAX_CHARS } from "./code-size";

/** Generous for every lesson (unit 3's race takes ~150 ms), tight enough to protect the host. */
export const DEFAULT_LIMITS: RunLimits = {
  wallMs: 10_000,
  cpuMs: RUN_CPU_MS,
  memoryBytes: 32 * 1024 * 1024,
  commands: 5_000,
  connections: 10,
  bytesWritten: 1024 * 1024,
  redisBytes: 1024 * 1024,
  replyBytes: 2 * 1024 * 1024,
  outputChars: 64 * 1024,
  codeChars: CODE_MAX_CHARS,
};

/** Hard ceilings: a caller (race lab, grader) may raise limits up to these, never beyond. */
export const MAX_LIMITS: RunLimits = {
  wallMs: 15 * 60_000,
  cpuMs: 10_000,
  memoryBytes: 64 * 1024 * 1024,
  commands: 50_000,
  connections: 60,
  bytesWritten: 8 * 1024 * 1024,
  redisBytes: 8 * 1024 * 1024,
  replyBytes: 16 * 1024 * 1024,
  outputChars: 256 * 1024,
  codeChars: CODE_MAX_CHARS,
};

export function resolveLimits(requested: Partial<RunLimits> = {}): RunLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const k of Object.keys(out) as (keyof RunLimits)[]) {
    const v = requested[k];
    if (typeof v === "number" && Number.isFinite(v) && v > 0) out[k] = Math.min(v, MAX_LIMITS[k]);
  }
  return out;
}
