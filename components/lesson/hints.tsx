"use client";
import { Lightbulb } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useShortcuts } from "./use-shortcuts";

/** Hints one at a time, so a learner takes only as much help as they need. */
export function Hints({ hints }: { hints: string[] }) {
  const [shown, setShown] = useState(0);
  useShortcuts({ hint: () => setShown((n) => Math.min(n + 1, hints.length)) });
  if (hints.length === 0) return null;
  return (
    <section aria-label="Hints" aria-live="polite" className="space-y-2">
      {shown > 0 && (
        <ol className="list-decimal space-y-1 pl-6 text-sm" data-testid="hints">
          {hints.slice(0, shown).map((hint) => (
            <li key={hint}>{hint}</li>
          ))}
        </ol>
      )}
      {shown < hints.length && (
        <Button variant="ghost" onClick={() => setShown(shown + 1)} data-testid="show-hint" aria-keyshortcuts="Alt+H">
          <Lightbulb aria-hidden className="size-4" />
          {shown === 0 ? "Show a hint" : `Show hint ${shown + 1} of ${hints.length}`}
        </Button>
      )}
    </section>
  );
}
