"use client";
import { useCallback, useRef, useState } from "react";
import { checkSubmission } from "./actions";
import type { GradeResult } from "@/lib/lessons/grade-types";
import { SERVER_UNREACHABLE } from "@/lib/errors";
import type { ShareableGrade } from "@/lib/runs/shared-run";
import { recordRun } from "./progress-store";
import { failedCallMessage, tooLargeToSend } from "./use-run";

const UNREACHABLE = (unit: string): GradeResult => ({
  version: 1,
  unit,
  status: "error",
  tests: [],
  error: { ...SERVER_UNREACHABLE },
  durationMs: 0,
});

const tooLargeResult = (unit: string, message: string): GradeResult => ({ ...UNREACHABLE(unit), error: { code: "code_limit", message } });

/**
 * Sends the learner's code to the grader; a pass marks the unit done on the course page.
 * Plain state rather than a transition, for the reason use-run.ts gives.
 */
export function useCheck(slug: string) {
  const [result, setResult] = useState<ShareableGrade | null>(null);
  const [source, setSource] = useState("");
  const [pending, setPending] = useState(false);
  const inFlight = useRef(false);

  const check = useCallback(
    async (source: string) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setPending(true);
      const input = { slug, source };
      const tooLarge = tooLargeToSend(source, input);
      let next: ShareableGrade;
      try {
        next = tooLarge ? tooLargeResult(slug, tooLarge) : await checkSubmission(input);
      } catch {
        const refused = failedCallMessage(input);
        next = refused ? tooLargeResult(slug, refused) : UNREACHABLE(slug);
      }
      inFlight.current = false;
      setResult(next);
      setSource(source);
      setPending(false);
      if (next.status === "pass") recordRun(slug, true);
    },
    [slug],
  );

  return { result, source, pending, check };
}
