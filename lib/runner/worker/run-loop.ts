/**
 * Running the program: the sandbox runs until the program and everything it started are done
 * (or the run failed), waking at each change the bridge reports.
 */
import type { RunSession } from "../bridge/session";
import { guestRunError } from "../sandbox/guest-error";
import type { Sandbox } from "../sandbox/sandbox";
import { NEVER_RESOLVES, SANDBOX_FAULT } from "../../errors";
import { failureOfRun } from "../redis-failure";
import type { RunLimits } from "../types";

export async function runToEnd(session: RunSession, sandbox: Sandbox, js: string, keepCompiled: boolean, limits: RunLimits): Promise<void> {
  try {
    const startErr = sandbox.start(js, keepCompiled);
    if (startErr) session.fail(guestRunError(startErr, sandbox, limits));
    for (;;) {
      if (session.fatal) break;
      if (sandbox.hostFault) {
        session.fail({ ...SANDBOX_FAULT });
        break;
      }
      const st = sandbox.mainState();
      if (st.state === "rejected") {
        session.fail(guestRunError(st.error, sandbox, limits));
        break;
      }
      // Under a schedule plan the gate releases the next step once the run is quiescent.
      const step = session.schedule?.tick(sandbox.pendingOps);
      if (step === "paused") break;
      if (step !== "released" && step !== "busy" && session.pending === 0 && sandbox.pendingOps === 0) {
        if (st.state === "pending") session.fail({ ...NEVER_RESOLVES });
        break;
      }
      await session.nextChange();
    }
  } catch (e) {
    session.fail(failureOfRun(e));
  }
}
