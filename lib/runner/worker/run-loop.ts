/**
 * Running the program: the sandbox runs until the program and everything it started are done
 * (or the run failed), waking at each change the bridge reports.
 */
import type { RunSession } from "../bridge/session";
import { isConnectionError } from "../bridge/connection-errors";
import { guestRunError } from "../sandbox/guest-error";
import type { Sandbox } from "../sandbox/sandbox";
import { INTERNAL, REDIS_DOWN } from "../service-errors";
import type { RunLimits } from "../types";

const HOST_FAULT = "Your program hit a problem the sandbox could not recover from (for example a value nested too deeply to print). Simplify it and run again.";
const NEVER_RESOLVES = "Your program is waiting for something that will never happen (a Promise that never resolves), so it was ended. Check that every Promise you await can finish.";

export async function runToEnd(session: RunSession, sandbox: Sandbox, js: string, keepCompiled: boolean, limits: RunLimits): Promise<void> {
  try {
    const startErr = sandbox.start(js, keepCompiled);
    if (startErr) session.fail(guestRunError(startErr, sandbox, limits));
    for (;;) {
      if (session.fatal) break;
      if (sandbox.hostFault) {
        session.fail({ code: "runtime", message: HOST_FAULT });
        break;
      }
      const st = sandbox.mainState();
      if (st.state === "rejected") {
        session.fail(guestRunError(st.error, sandbox, limits));
        break;
      }
      if (session.pending === 0 && sandbox.pendingOps === 0) {
        if (st.state === "pending") session.fail({ code: "runtime", message: NEVER_RESOLVES });
        break;
      }
      await session.nextChange();
    }
  } catch (e) {
    session.fail(isConnectionError(e) ? REDIS_DOWN : INTERNAL);
  }
}
