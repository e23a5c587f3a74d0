"use client";
/**
 * Predict mode: before a lane's EXEC step goes, the learner says whether it will commit; the
 * step then runs and the answer is scored. The score lasts the browser session.
 */
import { useCallback, useEffect, useState } from "react";
import { conflicts, conflictSentence } from "@/lib/trace";
import type { ExploreState } from "./explore-contract";
import { execSince, lastSeq } from "./explore-model";
import type { Reveal } from "./predict";

const SCORE_KEY = "explorer-predict-score";

export interface Score {
  right: number;
  asked: number;
}

export interface Predict {
  question: string | null;
  reveal: Reveal | null;
  score: Score;
  ask: (client: string) => void;
  cancel: () => void;
  answer: (willCommit: boolean) => Promise<void>;
  clearReveal: () => void;
}

export function usePredict(current: ExploreState | null, step: (client: string) => Promise<ExploreState | null>): Predict {
  const [question, setQuestion] = useState<string | null>(null);
  const [reveal, setReveal] = useState<Reveal | null>(null);
  const [score, setScore] = useState<Score>({ right: 0, asked: 0 });

  useEffect(() => {
    const saved = window.sessionStorage.getItem(SCORE_KEY);
    const parsed = saved ? (JSON.parse(saved) as Partial<Score>) : null;
    // sessionStorage is the external system here, readable only after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (parsed && Number.isInteger(parsed.right) && Number.isInteger(parsed.asked)) setScore({ right: parsed.right!, asked: parsed.asked! });
  }, []);

  const answer = useCallback(
    async (willCommit: boolean) => {
      const client = question;
      if (!client) return;
      setQuestion(null);
      const before = lastSeq(current?.trace ?? null);
      const next = await step(client);
      const exec = next?.trace ? execSince(next.trace, client, before) : null;
      if (!next?.trace || !exec) return;
      const committed = exec.outcome === "committed";
      const conflict = committed ? undefined : conflicts(next.trace).find((c) => c.execSeq === exec.seq);
      setReveal({ client, predicted: willCommit, committed, because: conflict ? conflictSentence(conflict) : null });
      setScore((s) => {
        const out = { right: s.right + (willCommit === committed ? 1 : 0), asked: s.asked + 1 };
        window.sessionStorage.setItem(SCORE_KEY, JSON.stringify(out));
        return out;
      });
    },
    [question, current, step],
  );

  return {
    question,
    reveal,
    score,
    ask: (client) => {
      setReveal(null);
      setQuestion(client);
    },
    cancel: () => setQuestion(null),
    answer,
    clearReveal: () => setReveal(null),
  };
}
