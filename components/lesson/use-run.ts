"use client";
import { useCallback, useState, useTransition } from "react";
import { runUnit } from "@/app/lessons/[slug]/actions";
import type { RunState } from "@/app/lessons/[slug]/run-contract";
import { recordRun } from "./progress-store";

const UNREACHABLE: RunState = {
  status: "error",
  output: [],
  trace: null,
  error: {
    code: "internal",
    message: "The playground server could not be reached. Check that it is still running, then try again.",
  },
};

/**
 * Sends a run to the server action and keeps its latest state; one run at a time.
 * `runCanPass`: whether the expected output alone completes the unit (not for graded exercises).
 */
export function useRun(slug: string, runCanPass: boolean) {
  const [state, setState] = useState<RunState | null>(null);
  // Counts finished runs so tests (and assistive tech) can tell a new result from the last one.
  const [finished, setFinished] = useState(0);
  const [pending, startTransition] = useTransition();

  const run = useCallback(
    (source: string, scenarioId?: string) => {
      startTransition(async () => {
        let next: RunState;
        try {
          next = await runUnit({ slug, source, scenarioId });
        } catch {
          next = UNREACHABLE;
        }
        // Updates after an await leave the transition unless wrapped again; wrapped, the result
        // and pending=false commit together, so nothing renders "running" with a new result.
        startTransition(() => {
          setState(next);
          setFinished((n) => n + 1);
        });
        recordRun(slug, runCanPass && next.expectationMet === true);
      });
    },
    [slug, runCanPass],
  );

  return { state, pending, run, finished };
}
