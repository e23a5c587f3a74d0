/**
 * Step mode (race lab): the run pauses before each command of the program until the presenter's
 * signal arrives through Redis (control.ts) - step, inject a write by B, resume, or stop.
 */
import { NEVER } from "../bridge/guest-args";
import type { TraceRecorder } from "../recorder/trace-recorder";
import type { RunErrorInfo } from "../types";
import type { ControlReceiver } from "./control";
import type { InterferencePlan, PlanWrite } from "./schema";

/** How long a paused run waits for a signal when its plan names no idle timeout. */
export const STEP_IDLE_MS = 120_000;

export class StepGate {
  private stepping = true;

  constructor(
    private readonly plan: Extract<InterferencePlan, { kind: "step" }>,
    private readonly control: ControlReceiver,
    private readonly run: { recorder: TraceRecorder; stopped(): boolean; fail(err: RunErrorInfo): void },
    private readonly inject: (w: PlanWrite) => Promise<void>,
  ) {}

  /** Resolves when the command may go; never, once the run ended while it waited. */
  async pause(client: string, name: string, args: readonly unknown[], line: number | null): Promise<void> {
    if (!this.stepping) return;
    const idle = this.plan.idleTimeoutMs || STEP_IDLE_MS;
    this.run.recorder.pause(client, name, [...args], line);
    for (;;) {
      if (this.run.stopped()) return NEVER;
      const signal = await this.control.next(idle);
      if (this.run.stopped()) return NEVER;
      if (!signal) {
        this.run.fail({ code: "timeout", message: `Nobody stepped this run for ${Math.round(idle / 1000)} s, so it was ended. Start it again when you are ready.` });
        return NEVER;
      }
      if (signal.type === "step") return;
      if (signal.type === "resume") {
        this.stepping = false;
        return;
      }
      if (signal.type === "stop") {
        this.run.fail({ code: "stopped", message: "The run was stopped by the presenter." });
        return NEVER;
      }
      await this.inject(signal.write);
    }
  }
}
