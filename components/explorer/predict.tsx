"use client";
import { CircleCheck, CircleX } from "lucide-react";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";

/** Asked before an EXEC step in predict mode; the step runs once it is answered. */
export function PredictQuestion({ client, onAnswer, onCancel }: { client: string; onAnswer: (willCommit: boolean) => void; onCancel: () => void }) {
  const box = useRef<HTMLElement>(null);
  // Keyboard users land on the answer, not back at the top of the page.
  useEffect(() => box.current?.querySelector("button")?.focus(), [client]);
  return (
    <section
      ref={box}
      role="group"
      aria-labelledby="predict-question"
      data-testid="predict-question"
      data-client={client}
      className="flex flex-wrap items-center gap-3 rounded-lg border-2 border-blue-700 p-3 dark:border-blue-400"
      onKeyDown={(e) => {
        if (e.key === "Escape") onCancel();
      }}
    >
      <p id="predict-question" className="text-lg font-semibold">
        Will {client}&apos;s EXEC commit?
      </p>
      <Button variant="primary" onClick={() => onAnswer(true)} data-testid="predict-yes">
        Yes, it commits
      </Button>
      <Button onClick={() => onAnswer(false)} data-testid="predict-no">
        No, it is aborted
      </Button>
      <Button variant="ghost" onClick={onCancel}>
        Not now
      </Button>
      <p className="w-full text-sm text-slate-600 dark:text-slate-400">Look at what {client} watches: is any of its keys dirty?</p>
    </section>
  );
}

export interface Reveal {
  client: string;
  predicted: boolean;
  committed: boolean;
  /** Why it was aborted, in words, when it was. */
  because: string | null;
}

export function PredictReveal({ reveal }: { reveal: Reveal }) {
  const right = reveal.predicted === reveal.committed;
  const Icon = right ? CircleCheck : CircleX;
  return (
    <p role="status" data-testid="predict-reveal" data-right={String(right)} className="flex items-start gap-1.5 font-medium">
      <Icon aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
      <span>
        {right ? "Right: " : "Not this time: "}
        {reveal.client}&apos;s EXEC {reveal.committed ? "committed" : "was aborted"}
        {reveal.because ? ` - ${reveal.because}.` : "."}
      </span>
    </p>
  );
}

export function PredictScore({ right, asked }: { right: number; asked: number }) {
  return (
    <p data-testid="predict-score" data-right={right} data-asked={asked} className="text-sm font-medium">
      Your predictions this session: {right} of {asked} right
    </p>
  );
}
