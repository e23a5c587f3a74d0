import type { RunState, RunStateError } from "@/lib/lessons/requests/contract";
import type { TraceValue } from "@/lib/trace";
import { Button } from "@/components/ui/button";

const ERROR_TITLES: Record<RunStateError["code"], string> = {
  syntax: "Syntax error",
  runtime: "Your program threw an error",
  forbidden_command: "Command not allowed here",
  forbidden_import: "Import not available",
  redis_unavailable: "Redis is not reachable",
  timeout: "Time limit reached",
  cpu_limit: "CPU limit reached",
  memory_limit: "Memory limit reached",
  command_limit: "Too many Redis commands",
  connection_limit: "Too many connections",
  write_limit: "Too much data written",
  output_limit: "Too much output",
  code_limit: "Program too long",
  stopped: "Run stopped",
  internal: "Something went wrong",
  bad_request: "Request not understood",
  command_bound: "Command too large for the playground",
  reply_limit: "Too much data read back",
  redis_full: "The playground's Redis is full",
  busy: "The playground is busy",
  rate_limited: "Slow down a little",
};

function show(value: TraceValue | undefined): string {
  if (value === null || value === undefined) return "(missing)";
  return typeof value === "string" ? value : JSON.stringify(value);
}

interface RunResultProps {
  state: RunState | null;
  pending: boolean;
  /** How many runs have finished on this page. */
  runs: number;
  /** Graded units finish with "Check my code", so a matching run only points there. */
  graded: boolean;
  expectedFinal: Record<string, string>;
  onShowLine(line: number): void;
}

/** The run's status, output and error, announced politely to screen readers as they change. */
export function RunResult({ state, pending, runs, graded, expectedFinal, onShowLine }: RunResultProps) {
  const finished = !pending && state;
  return (
    <section aria-label="Run result" aria-live="polite" data-testid="run-result" data-runs={runs} data-state={pending ? "running" : (state?.status ?? "idle")} className="space-y-3">
      <p data-testid="run-status" data-server-ms={!pending ? state?.timings?.totalMs : undefined} className="text-sm font-medium">
        {pending
          ? "Running your program…"
          : !state
            ? "Not run yet. Press Run or Ctrl+Enter (⌘+Enter on a Mac)."
            : state.status === "ok"
              ? `Finished${state.timings ? ` in ${Math.round(state.timings.totalMs)} ms` : ""}${state.scenarioId ? " (with a staged race)" : ""}.`
              : "The run did not finish."}
      </p>
      {finished && state.expectationMet && (
        <p data-testid="run-passed" className="rounded-md bg-green-100 px-3 py-2 text-sm font-medium text-green-900 dark:bg-green-950 dark:text-green-200">
          {graded
            ? "That is the expected result. Now press Check my code to test it against other clients' writes."
            : "That is the expected result. Well done!"}
        </p>
      )}
      {finished && state.error && (
        <div role="alert" data-testid="run-error" data-code={state.error.code} className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          <p className="font-semibold">{ERROR_TITLES[state.error.code]}</p>
          <p className="mt-1 whitespace-pre-wrap">{state.error.message}</p>
          {state.error.line !== undefined && (
            <Button variant="ghost" className="mt-1 -ml-3 underline" onClick={() => onShowLine(state.error?.line ?? 1)}>
              Show line {state.error.line} in the editor
            </Button>
          )}
        </div>
      )}
      {finished && (
        <div>
          <h3 className="text-sm font-semibold">Console output</h3>
          <pre data-testid="run-output" className="mt-1 max-h-64 overflow-auto rounded-md bg-slate-100 p-3 font-mono text-sm whitespace-pre-wrap dark:bg-slate-900">
            {state.output.length > 0 ? state.output.join("\n") : "(nothing printed)"}
          </pre>
        </div>
      )}
      {finished && state.finalState && (
        <div>
          <h3 className="text-sm font-semibold">Redis after the run</h3>
          <dl data-testid="final-state" className="mt-1 grid grid-cols-[auto_1fr_auto] gap-x-4 gap-y-1 font-mono text-sm">
            {Object.entries(state.finalState).map(([key, value]) => (
              <div key={key} className="contents" data-key={key} data-value={show(value)}>
                <dt>{key}</dt>
                <dd className={expectedFinal[key] !== undefined && !state.scenarioId && expectedFinal[key] !== show(value) ? "font-semibold text-red-800 dark:text-red-300" : undefined}>
                  {show(value)}
                </dd>
                <dd className="text-slate-600 dark:text-slate-400">
                  {expectedFinal[key] !== undefined && !state.scenarioId ? `expected ${expectedFinal[key]}` : ""}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </section>
  );
}
