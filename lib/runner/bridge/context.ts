import type { ConflictLedger } from "../ledger/conflict-ledger";
import type { RunBudget } from "../limits/run-budget";
import type { RunCounters } from "../limits/counters";
import type { Interference } from "../plans/interference";
import type { TraceRecorder } from "../recorder/trace-recorder";
import type { RunErrorInfo, RunLimits } from "../types";
import type { RunConnections } from "./connections";

/** What the bridge's command paths (command.ts, transaction.ts) use of the run (the session). */
export interface BridgeContext {
  readonly limits: RunLimits;
  readonly recorder: TraceRecorder;
  readonly budget: RunBudget;
  readonly counters: RunCounters;
  readonly ledger: ConflictLedger;
  readonly connections: RunConnections;
  readonly interference: Interference;
  /** Every key (learner name) the run touched: deleted at the end. */
  readonly touched: Set<string>;
  stopped(): boolean;
  fail(err: RunErrorInfo): void;
}
