/**
 * Step-mode control signals travel through Redis (a list per run), so any app instance can step
 * a run that a worker of another instance is executing.
 */
import { z } from "zod";
import { SERVICE_CONNECTION_OPTIONS } from "../../redis/config";
import { createServiceRedis, type ServiceRedis } from "../../redis/service-client";
import { serviceKeys } from "../../redis/namespace";
import { asRedisFailure } from "../../redis/errors";
import { planWriteSchema } from "./schema";

const BLPOP_SLICE_MS = 1000;

export const controlSignalSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("step") }),
  /** The other client writes now; the run stays paused. */
  z.object({ type: z.literal("inject"), write: planWriteSchema }),
  /** Stop pausing: the rest of the run goes at full speed. */
  z.object({ type: z.literal("resume") }),
  z.object({ type: z.literal("stop") }),
]);
export type ControlSignal = z.infer<typeof controlSignalSchema>;

/** Sends a signal to a running step-mode run. Signals for finished runs expire unread. */
export async function sendControl(redis: ServiceRedis, runId: string, signal: ControlSignal): Promise<void> {
  const key = serviceKeys(runId).control;
  await redis.multi().rpush(key, JSON.stringify(controlSignalSchema.parse(signal))).pexpire(key, 60 * 60_000).exec();
}

/**
 * The run's side: waits for the next signal on a client of its own (BLPOP blocks it). On a
 * cluster that client follows the control list's slot to whichever master serves it now.
 */
export class ControlReceiver {
  private conn?: ServiceRedis;
  constructor(private readonly runId: string) {}

  /** The next signal, or null when none came within timeoutMs. */
  async next(timeoutMs: number): Promise<ControlSignal | null> {
    this.conn ??= createServiceRedis({ ...SERVICE_CONNECTION_OPTIONS, enableOfflineQueue: true });
    const until = Date.now() + timeoutMs;
    for (;;) {
      // In slices: while the run's slot is being moved, a signal may be pushed on the new master
      // (ASK) while a BLPOP waits on the old one, which only the next BLPOP is redirected to.
      const left = until - Date.now();
      const r = await this.conn.blpop(serviceKeys(this.runId).control, Math.max(0.01, Math.min(left, BLPOP_SLICE_MS) / 1000)).catch((e: unknown) => {
        throw asRedisFailure(e);
      });
      if (r) {
        const parsed = controlSignalSchema.safeParse(JSON.parse(r[1]));
        if (parsed.success) return parsed.data;
      } else if (until - Date.now() <= 0) return null;
    }
  }

  close(): void {
    this.conn?.disconnect();
  }
}
