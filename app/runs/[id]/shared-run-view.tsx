"use client";
import { useState } from "react";
import { RunResult } from "@/components/lesson/run-result";
import type { LineRequest } from "@/components/timeline/line-commands";
import { Timeline } from "@/components/timeline/timeline";
import type { SharedRun } from "@/lib/runs/shared-run";
import { CodeView } from "./code-view";

/** The program beside its timeline; a chip marks its line, a line number selects its commands. */
export function SharedRunView({ run, expectedFinal }: { run: SharedRun; expectedFinal: Record<string, string> }) {
  const [highlightLine, setHighlightLine] = useState<number | null>(null);
  const [lineRequest, setLineRequest] = useState<LineRequest | null>(null);
  const o = run.outcome;
  return (
    <div className="grid gap-4 xl:h-[calc(100dvh-12rem)] xl:min-h-[32rem] xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <div className="flex min-w-0 flex-col gap-4 xl:min-h-0">
        <div className="xl:min-h-0 xl:flex-1">
          <CodeView source={run.source} highlightLine={highlightLine} onLineClick={(line) => setLineRequest((p) => ({ line, nonce: (p?.nonce ?? 0) + 1 }))} />
        </div>
        {o ? (
          <div className="xl:max-h-[45%] xl:overflow-y-auto">
            <RunResult
              state={{ status: o.status, output: o.output, error: o.error ?? undefined, finalState: o.finalState ?? undefined, trace: run.trace, scenarioId: run.what.kind === "staged" ? run.what.scenarioId : undefined }}
              pending={false}
              runs={1}
              graded={false}
              expectedFinal={expectedFinal}
              onShowLine={setHighlightLine}
            />
          </div>
        ) : (
          run.what.kind === "check" &&
          run.what.message && <p className="rounded-md border border-rose-300 p-3 text-sm whitespace-pre-line dark:border-rose-800">{run.what.message}</p>
        )}
      </div>
      <div className="min-w-0 xl:flex xl:min-h-0 xl:flex-col">
        <Timeline trace={run.trace} onSelectLine={setHighlightLine} lineRequest={lineRequest} fit />
      </div>
    </div>
  );
}
