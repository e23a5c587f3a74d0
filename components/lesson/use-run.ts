"use client";
import { useCallback, useRef, useState } from "react";
import { runUnit } from "./actions";
import type { RunState } from "@/lib/lessons/requests/contract";
// Not from the contract: its zod schemas would come into the page with it.
import { CODE_MAX_CHARS } from "@/lib/runner/limits/code-size";
import { NEAR_LIMIT, programTooLargeMessage, REQUEST_BODY_LIMIT_BYTES, requestTooLarge, utf8Bytes } from "@/lib/http/body-limit";
import { SERVER_UNREACHABLE } from "@/lib/errors";
import { recordRun } from "./progress-store";

const UNREACHABLE: RunState = {
  status: "error",
  output: [],
  trace: null,
  error: { ...SERVER_UNREACHABLE },
};

/** A program the server would refuse for its size: said here, without sending it. */
export function tooLargeToSend(source: string, request: unknown): string | null {
  if (utf8Bytes(source) > CODE_MAX_CHARS) return programTooLargeMessage(CODE_MAX_CHARS);
  if (requestTooLarge(request)) return programTooLargeMessage(REQUEST_BODY_LIMIT_BYTES);
  return null;
}

/** Why a call failed: its size if it was near the limit (the server's refusal), else unreachable. */
export const failedCallMessage = (request: unknown): string | null =>
  requestTooLarge(request, NEAR_LIMIT) ? programTooLargeMessage(REQUEST_BODY_LIMIT_BYTES) : null;

const tooLargeState = (message: string): RunState => ({ status: "error", output: [], trace: null, error: { code: "code_limit", message } });

/**
 * Sends a run to the server action and keeps its latest state; one run at a time.
 * `runCanPass`: whether the expected output alone completes the unit (not for graded exercises).
 *
 * Deliberately not a transition: Next.js dispatches every server action as a router transition,
 * and React holds a transition's updates until all async transitions in flight have settled,
 * then renders them in yielding 5 ms slices. Plain updates commit the answer in one pass as soon
 * as it is decoded, so the output paints first (the workbench defers the timeline).
 */
export function useRun(slug: string, runCanPass: boolean) {
  const [state, setState] = useState<RunState | null>(null);
  // The program that produced `state`: a shared run carries it (the editor may have moved on).
  const [source, setSource] = useState("");
  // Counts finished runs so tests (and assistive tech) can tell a new result from the last one.
  const [finished, setFinished] = useState(0);
  const [pending, setPending] = useState(false);
  const inFlight = useRef(false);

  const run = useCallback(
    async (source: string, scenarioId?: string) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setPending(true);
      const input = { slug, source, scenarioId };
      const tooLarge = tooLargeToSend(source, input);
      let next: RunState;
      try {
        next = tooLarge ? tooLargeState(tooLarge) : await runUnit(input);
      } catch {
        const refused = failedCallMessage(input);
        next = refused ? tooLargeState(refused) : UNREACHABLE;
      }
      inFlight.current = false;
      // Batched: the result and pending=false commit together, never "running" with a new result.
      setState(next);
      setSource(source);
      setFinished((n) => n + 1);
      setPending(false);
      recordRun(slug, runCanPass && next.expectationMet === true);
    },
    [slug, runCanPass],
  );

  return { state, source, pending, run, finished };
}
