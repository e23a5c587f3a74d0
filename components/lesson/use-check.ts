"use client";
import { useCallback, useState, useTransition } from "react";
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

/** Sends the learner's code to the grader; a pass marks the unit done on the course page. */
export function useCheck(slug: string) {
  const [result, setResult] = useState<ShareableGrade | null>(null);
  const [source, setSource] = useState("");
  const [pending, startTransition] = useTransition();

  const check = useCallback(
    (source: string) => {
      startTransition(async () => {
        const input = { slug, source };
        const tooLarge = tooLargeToSend(source, input);
        let next: ShareableGrade;
        try {
          next = tooLarge ? tooLargeResult(slug, tooLarge) : await checkSubmission(input);
        } catch {
          const refused = failedCallMessage(input);
          next = refused ? tooLargeResult(slug, refused) : UNREACHABLE(slug);
        }
        // State set after an await needs its own transition to land together with `pending`.
        startTransition(() => {
          setResult(next);
          setSource(source);
        });
        if (next.status === "pass") recordRun(slug, true);
      });
    },
    [slug],
  );

  return { result, source, pending, check };
}
