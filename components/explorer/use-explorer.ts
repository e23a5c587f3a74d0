"use client";
/**
 * The explorer's state: the schedule so far and the run it gives. Every change - a step, Undo,
 * Reset, a link - runs the whole schedule again on a fresh namespace (deterministic, so Redis
 * and the timeline are exactly what that schedule gives), and the address bar follows.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ExploreInput, ExploreState } from "./explore-contract";
import { LINK_PARAMS, linkSearch, type ExploreLink } from "./schedule-link";

export interface ExplorerProgram {
  unit: string;
  /** Sent only when it is not the unit's own explorer program. */
  source?: string;
  /** One "other client" lane's commands (lane A). */
  other?: { name: string; args: string[] }[];
  /** As typed, for the link. */
  otherText?: string;
  /** After the program, the grader's concurrent calls of the exercise's function (a check's schedule replays this way). */
  concurrentCalls?: boolean;
}

export interface Explorer {
  choices: string;
  /** The last schedule that ran (a refused one leaves it on screen). */
  state: ExploreState | null;
  /** Why the last request was refused (a schedule that does not fit, a busy server). */
  refusal: string | null;
  busy: boolean;
  /** Runs `choices`; resolves with its state (null when a newer request overtook it). */
  go: (choices: string) => Promise<ExploreState | null>;
}

type Step = (input: ExploreInput) => Promise<ExploreState>;

/** Codes that mean "this schedule was not run as asked", not "the program ended this way". */
const REFUSED: ReadonlySet<string> = new Set(["bad_request", "rate_limited", "busy", "redis_unavailable"]);
/** Refusals that pass by themselves: retried every RETRY_MS, RETRIES times at most. */
const WAIT_AND_RETRY: ReadonlySet<string> = new Set(["rate_limited", "busy"]);
const RETRY_MS = 2000;
const RETRIES = 15;

interface Options {
  step: Step;
  session?: string;
  predict?: boolean;
  /** On the first run only: open the timeline at the event with this seq (a check's lost write). */
  focusSeq?: number;
}

export function useExplorer(program: ExplorerProgram, initialChoices: string, opts: Options): Explorer {
  const [choices, setChoices] = useState(initialChoices);
  const [state, setState] = useState<ExploreState | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const latest = useRef(0);
  const { step, session, predict } = opts;
  const focus = useRef(opts.focusSeq);

  const go = useCallback(
    async (next: string) => {
      const ticket = ++latest.current;
      setBusy(true);
      const input: ExploreInput = {
        unit: program.unit,
        choices: next,
        ...(program.source ? { source: program.source } : {}),
        ...(program.other ? { others: [{ commands: program.other }] } : {}),
        ...(program.concurrentCalls ? { concurrentCalls: true } : {}),
        ...(session ? { session } : {}),
      };
      const send = () => step(input).catch((): ExploreState => ({
        status: "error",
        choices: next,
        trace: null,
        schedule: null,
        output: [],
        error: { code: "internal", message: "The server did not answer. Try again." },
        lostUpdate: null,
      }));
      let result = await send();
      // Over this browser's share for a moment (a Check just used it, say): wait, then go on by itself.
      for (let tries = 0; WAIT_AND_RETRY.has(result.error?.code ?? "") && tries < RETRIES && ticket === latest.current; tries++) {
        setRefusal(`${result.error?.message ?? "The server is busy."} The explorer tries again by itself.`);
        await new Promise((r) => setTimeout(r, RETRY_MS));
        if (ticket === latest.current) result = await send();
      }
      if (ticket !== latest.current) return null;
      setBusy(false);
      // A schedule that did not fit (or a refused run) keeps the last good one on screen and in the address bar.
      if (result.status === "error" && (REFUSED.has(result.error?.code ?? "") || !result.trace)) {
        setRefusal(result.error?.message ?? "That did not work. Try again.");
        return result;
      }
      setRefusal(null);
      setState(result);
      setChoices(next);
      writeLink(
        { unit: program.unit, schedule: next, ...(program.source ? { code: program.source } : {}), ...(program.otherText ? { other: program.otherText } : {}), ...(program.concurrentCalls ? { calls: true } : {}), ...(predict ? { predict } : {}) },
        focus.current === undefined ? -1 : (result.trace?.events.findIndex((e) => e.seq === focus.current) ?? -1),
      );
      focus.current = undefined;
      return result;
    },
    [program, session, predict, step],
  );

  // First the link's schedule; a program changed later starts over.
  const first = useRef(true);
  useEffect(() => {
    void go(first.current ? initialChoices : "");
    first.current = false;
    // Only when the program changes; later schedules come through go().
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [program]);

  // Presenting started: publish where the schedule stands now, so the audience starts in step.
  const choicesNow = useRef(choices);
  useEffect(() => {
    choicesNow.current = choices;
  }, [choices]);
  useEffect(() => {
    if (session) void go(choicesNow.current);
    // Only when a session starts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session]);

  return { choices, state, refusal, busy, go };
}

/**
 * The address bar follows the schedule. Only the explorer's own parameters change; `focusIndex`
 * (an event index, or -1) becomes the timeline's ?step=N, which it reads when it mounts right after.
 */
function writeLink(link: ExploreLink, focusIndex: number): void {
  const url = new URL(window.location.href);
  for (const k of LINK_PARAMS) url.searchParams.delete(k);
  new URLSearchParams(linkSearch(link)).forEach((v, k) => url.searchParams.set(k, v));
  if (focusIndex >= 0) url.searchParams.set("step", String(focusIndex + 1));
  window.history.replaceState(window.history.state, "", url);
}
