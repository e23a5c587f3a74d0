/**
 * The engine's front door: run a learner's TypeScript against the real Redis, in a sandbox,
 * and get back its output, its trace and a learner-facing error if it failed.
 *
 * A run flows through the stages in this order (each a folder): host/ (validate, resolve
 * limits, admit, call a worker) -> worker/ (the orchestrator) -> namespace/ (prepare) ->
 * sandbox/ (QuickJS) -> bridge/ (guest call -> ioredis, with limits/, ledger/, plans/ and
 * recorder/) -> namespace/ (inspect, hand back, clean up). See ARCHITECTURE.md.
 */
export { runProgram, type RunOptions } from "./host/run-program";
export { closeWorkerPool } from "./host/pool";
export type { RunRequest, RunResult, InterferencePlan, RunLimits, RunErrorInfo, PlanWrite, ScheduleResult, ScheduleStep, ScheduleLane, ScheduleFrontierEntry } from "./types";
export type { SchedulePlan, PlanCommand } from "./plans/schema";
export type { ClientTurn } from "../admission";
export { ALLOWED_API_DTS } from "./allowlist/api-dts";
