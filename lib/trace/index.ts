/**
 * The trace package's one entry: the contract (types), its pure analysis and its renderings in
 * words and text. Isomorphic and I/O-free. Files inside lib/trace import each other directly;
 * everything outside imports from here. Test fixtures stay apart (lib/trace/fixtures).
 */
export type {
  CommandEvent,
  ConsoleEvent,
  EndEvent,
  InterferenceEvent,
  PauseEvent,
  RunStatus,
  Trace,
  TraceClient,
  TraceEvent,
  TraceValue,
} from "./types";
export {
  attemptIndex,
  attempts,
  conflicts,
  extendsTrace,
  retries,
  watchErrors,
  type Attempt,
  type AttemptOutcome,
  type Conflict,
} from "./analysis";
export { execItem, execItems, execResult, isReadCommand, isWriteCommand, writtenKeys, type ExecItem } from "./analysis-commands";
export { collapseRuns, type CollapseOptions, type DisplayItem } from "./analysis-collapse";
export { valueAt, watchedValues, type ValuePoint, type ValueTrack } from "./analysis-values";
export { pointLookup, seqIndex, type SeqLookup } from "./lookup";
export {
  attemptTitle,
  conflictSentence,
  describeEvent,
  describeRun,
  eventLine,
  execFailures,
  formatArgs,
  formatValue,
  OUTCOME_LABEL,
  traceToText,
  type TextOptions,
} from "./format";
export { watchState, type WatchEntry } from "./watch-state";
export { findLostUpdate, type LostUpdate, type LostUpdateInput, type LostUpdateRead } from "./lost-update";
export type { ScheduleFrontierEntry, ScheduleLane, ScheduleResult, ScheduleStep } from "./schedule-types";
