"use client";
import { Eye } from "lucide-react";
import { useState, useTransition } from "react";
import { revealSolution } from "./actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** The reference solution, fetched only after the learner confirms they want to see it. */
export function SolutionPanel({ slug, onUse }: { slug: string; onUse(code: string): void }) {
  const [solution, setSolution] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [pending, startTransition] = useTransition();

  const reveal = () =>
    startTransition(async () => {
      try {
        const code = await revealSolution(slug);
        setSolution(code);
        setFailed(code === null);
      } catch {
        setFailed(true);
      }
    });

  if (solution !== null) {
    return (
      <section aria-label="Solution" data-testid="solution" className="space-y-2">
        <div className="flex items-center gap-2">
          <h3 className="text-sm font-semibold">A solution</h3>
          <Button className="ml-auto" onClick={() => onUse(solution)} data-testid="use-solution">
            Put it in the editor
          </Button>
        </div>
        <pre className="max-h-96 overflow-auto rounded-md bg-slate-100 p-3 font-mono text-sm dark:bg-slate-900">{solution}</pre>
      </section>
    );
  }
  return (
    <div className="flex items-center gap-3">
      <ConfirmDialog
        trigger={
          <Button variant="ghost" disabled={pending} data-testid="reveal-solution">
            <Eye aria-hidden className="size-4" />
            {pending ? "Loading the solution…" : "Show a solution"}
          </Button>
        }
        title="Show a solution?"
        description="Trying it yourself first helps it stick; the hints may be enough. Your code stays as it is until you choose to replace it."
        confirmLabel="Show the solution"
        onConfirm={reveal}
      />
      {failed && <p role="alert" className="text-sm text-red-800 dark:text-red-300">The solution could not be loaded. Please try again.</p>}
    </div>
  );
}
