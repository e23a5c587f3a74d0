/**
 * Text renderings of trace events: short values for chips, full sentences for screen readers
 * and the live region, and the MONITOR-like export. One place, so every view says the same.
 */
import type { AttemptOutcome, Conflict } from "./analysis";
import { execItems } from "./analysis-commands";
import type { CommandEvent, ConsoleEvent, Trace, TraceEvent, TraceValue } from "./types";

/** A value as the learner's code saw it, shortened for a chip: "100" stays quoted, null is null. */
export function formatValue(v: TraceValue | undefined, max = 40): string {
  if (v === undefined) return "…";
  const s = typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Arguments the way a learner would type them: balance:1 50 (strings unquoted unless spaced). */
export function formatArgs(args: TraceValue[], max = 60): string {
  const s = args
    .map((a) => (typeof a === "string" ? (/^[^\s"]+$/.test(a) ? a : JSON.stringify(a)) : formatValue(a, max)))
    .join(" ");
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export const OUTCOME_LABEL: Record<AttemptOutcome, string> = {
  committed: "committed",
  aborted: "WatchError",
  discarded: "discarded",
  unwatched: "unwatched, nothing written",
  open: "still open",
};

/** "attempt 2 - committed"; retries say so. */
export function attemptTitle(a: { number: number; outcome: AttemptOutcome; retry: boolean }): string {
  return `attempt ${a.number} - ${OUTCOME_LABEL[a.outcome]}${a.retry ? " (retry)" : ""}`;
}

/** The one-line why: "B changed balance:1 after A watched it, so A's EXEC was aborted". */
export function conflictSentence(c: Conflict): string {
  const writer = c.writerClient === c.victimClient ? `${c.writerClient} itself` : c.writerClient || "Another client";
  return `${writer} changed ${c.key} after ${c.victimClient} watched it, so ${c.victimClient}'s EXEC was aborted`;
}

function commandSentence(e: CommandEvent): string {
  const head = `${e.client}${e.line !== null ? `, line ${e.line}` : ""}: ${e.name}${e.args.length ? ` ${formatArgs(e.args, 200)}` : ""}`;
  if (e.error !== undefined) return `${head}, error: ${e.error}`;
  if (e.name === "EXEC" && (e.outcome === "aborted" || (e.outcome === undefined && e.reply === null))) {
    return `${head}, returned null: WatchError, the transaction was aborted and nothing was written`;
  }
  if (e.name === "EXEC" && e.outcome === "committed") return `${head}, committed${execSummary(e.reply)}`;
  if (e.name === "EXEC" && e.outcome) return `${head}, ${e.outcome}${e.reply !== undefined ? `, reply ${formatValue(e.reply, 200)}` : ""}`;
  if (e.queued) return `${head}, queued`;
  return e.reply === undefined ? `${head}, no reply yet` : `${head}, reply ${formatValue(e.reply, 200)}`;
}

/** ", results: "OK", error: ERR value is not an integer" - one per queued command. */
function execSummary(reply: TraceValue | undefined): string {
  const items = execItems(reply);
  if (items.length === 0) return reply === undefined ? "" : `, reply ${formatValue(reply, 200)}`;
  const words = items.map((i) => (i.ok ? formatValue(i.value, 60) : `error: ${i.error}`));
  return `, ${items.length === 1 ? "result" : "results"}: ${words.join("; ")}`;
}

/** How many queued commands failed inside a committed EXEC (the others still ran). */
export function execFailures(e: CommandEvent): number {
  return e.name === "EXEC" ? execItems(e.reply).filter((i) => !i.ok).length : 0;
}

/** A full sentence for screen readers and the step announcement. */
export function describeEvent(e: TraceEvent): string {
  switch (e.kind) {
    case "command":
      return commandSentence(e);
    case "console":
      return `console.${e.level}${e.line !== null ? ` at line ${e.line}` : ""}: ${e.text}`;
    case "interference":
      return `Staged interference: ${e.text}`;
    case "pause":
      return `${e.client} paused before ${e.name} ${formatArgs(e.args, 200)}${e.line !== null ? ` (line ${e.line})` : ""}`;
    case "end":
      return `Run ended: ${e.status}${e.message ? `, ${e.message}` : ""}`;
  }
}

/** The learner's source line an event points at, if any. */
export function eventLine(e: TraceEvent): number | null {
  return e.kind === "command" || e.kind === "console" || e.kind === "pause" ? e.line : null;
}

const quote = (v: TraceValue): string =>
  `"${(typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v))
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\n/g, "\\n")}"`;

export interface TextOptions {
  /** Append each command's reply as a comment. Default false (pure MONITOR shape). */
  replies?: boolean;
}

/**
 * One line per event, shaped like `redis-cli MONITOR`: `+0.412ms [A line 5] "WATCH" "balance:1"`.
 * Outcomes and errors follow as `# ...` comments so a pasted trace still explains itself.
 */
export function traceToText(trace: Trace, opts: TextOptions = {}): string {
  const lines = trace.events.map((e) => {
    const t = `+${e.at.toFixed(3)}ms`;
    switch (e.kind) {
      case "command": {
        const who = `[${e.client}${e.line !== null ? ` line ${e.line}` : ""}]`;
        const words = [e.name, ...e.args].map(quote).join(" ");
        const notes: string[] = [];
        if (e.queued) notes.push("queued");
        if (e.outcome === "aborted") {
          notes.push(`aborted: WatchError${e.conflict !== undefined ? ` (seq ${e.conflict} changed ${e.conflictKey ?? "a watched key"})` : ""}`);
        } else if (e.outcome) {
          const failed = execFailures(e);
          notes.push(failed ? `${e.outcome}, ${failed} queued ${failed === 1 ? "command" : "commands"} failed` : e.outcome);
        }
        if (e.error !== undefined) notes.push(`error: ${e.error}`);
        else if (opts.replies && e.reply !== undefined && !e.queued) notes.push(`-> ${JSON.stringify(e.reply)}`);
        return `${t} ${who} ${words}${notes.length ? ` # ${notes.join(", ")}` : ""}`;
      }
      case "console":
        return `${t} [console${e.line !== null ? ` line ${e.line}` : ""}] ${e.text}`;
      case "interference":
        return `${t} [plan] ${e.text}`;
      case "pause":
        return `${t} [${e.client}${e.line !== null ? ` line ${e.line}` : ""} paused] ${[e.name, ...e.args].map(quote).join(" ")}`;
      case "end":
        return `${t} [end] ${e.status}${e.message ? ` ${e.message}` : ""}`;
    }
  });
  if (trace.truncated) lines.push("# trace truncated: the trace was cut at its size limit; later events are not shown, the end is");
  return lines.join("\n") + "\n";
}

/** "B: INCRBY score:1 50, 12 times, replies 200 to 750" - a folded run in words. */
export function describeRun(events: readonly (CommandEvent | ConsoleEvent)[]): string {
  const first = events[0];
  const last = events.at(-1);
  if (!first || !last) return "";
  if (first.kind === "console") return `console: ${first.text}, ${events.length} times`;
  const replies = last.kind === "command" && last.reply !== undefined && first.reply !== undefined
    ? `, replies ${formatValue(first.reply, 20)} to ${formatValue(last.reply, 20)}` : "";
  return `${first.client}: ${first.name} ${formatArgs(first.args, 80)}, ${events.length} times${replies}`;
}
