/**
 * What a run that failed outside the learner's code ends with: its Redis connection's failure
 * (the slot moved on a cluster, or the connection was lost) or an internal problem of ours.
 */
import { INTERNAL, REDIS_DATA_MOVED, REDIS_DOWN } from "../errors";
import { isConnectionError, RedisSlotMoved } from "../redis/errors";
import type { RunErrorInfo } from "./types";

export function failureOfRun(e: unknown): RunErrorInfo {
  if (e instanceof RedisSlotMoved) return { ...REDIS_DATA_MOVED };
  return isConnectionError(e) ? { ...REDIS_DOWN } : { ...INTERNAL };
}
