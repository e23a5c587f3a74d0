import { describeEvent, formatArgs, type CommandEvent, type Trace } from "@/lib/trace";
import { runPhase } from "@/lib/race/live-trace";
import type { StreamedResult } from "@/lib/race/streamed-result";
import type { StreamState } from "./use-run-stream";

/** One sentence on where the run stands, in a live region so the audience hears it too. */
export function RunStatus({ trace, result, state }: { trace: Trace; result: StreamedResult | null; state: StreamState }) {
  const phase = runPhase(trace);
  let text: string;
  if (state === "failed") text = "Could not follow this run live (the server may be busy). Reload the page to try again.";
  else if (phase.kind === "ended") text = phase.status === "ok" ? "The run finished." : `The run ended: ${phase.message ?? phase.status}`;
  else if (phase.kind === "paused") text = `Paused before ${phase.client}'s ${phase.name} ${formatArgs(phase.args)}${phase.line ? ` (line ${phase.line})` : ""}.`;
  else if (phase.kind === "waiting") text = state === "connecting" ? "Connecting to the run..." : "Waiting for the first command...";
  else text = "Running...";
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid="run-status"
      data-phase={state === "failed" ? "failed" : phase.kind}
      data-pause={phase.kind === "paused" ? phase.name : ""}
      data-result={result?.status ?? ""}
      className="text-lg font-medium"
    >
      {text}
    </p>
  );
}

/** Every EXEC so far and what happened to it: the heart of the lesson. */
export function ExecOutcomes({ trace }: { trace: Trace }) {
  const execs = trace.events.filter((e): e is CommandEvent => e.kind === "command" && e.name === "EXEC");
  if (execs.length === 0) return null;
  return (
    <ol aria-label="Transactions so far" data-testid="exec-outcomes" className="flex flex-wrap gap-2">
      {execs.slice(-12).map((e) => (
        <li
          key={e.seq}
          data-outcome={e.outcome ?? "pending"}
          className={
            e.outcome === "committed"
              ? "rounded-md border-2 border-green-700 px-2 py-1 text-green-900 dark:border-green-400 dark:text-green-200"
              : "rounded-md border-2 border-red-700 px-2 py-1 text-red-900 dark:border-red-400 dark:text-red-200"
          }
        >
          {e.client}&apos;s EXEC: {e.outcome === "aborted" ? `aborted (WatchError${e.conflictKey ? ` - ${e.conflictKey} changed` : ""})` : (e.outcome ?? "...")}
        </li>
      ))}
    </ol>
  );
}

/** The latest few events in words: big enough to read from the back of the room. */
export function EventLog({ trace, size = 6 }: { trace: Trace; size?: number }) {
  const recent = trace.events.filter((e) => e.kind !== "pause").slice(-size);
  if (recent.length === 0) return null;
  return (
    <ol aria-label="Latest events" data-testid="event-log" className="flex flex-col gap-0.5 font-mono text-sm">
      {recent.map((e) => (
        <li key={e.seq}>
          <span className="tabular-nums opacity-70">#{e.seq}</span> {describeEvent(e)}
        </li>
      ))}
    </ol>
  );
}
