import { ChevronLeft, ChevronRight, ChevronsLeft, ChevronsRight, ListChecks } from "lucide-react";
import { Button } from "@/components/ui/button";

interface StepControlProps {
  /** 1-based step, or null when the whole run is shown. */
  step: number | null;
  total: number;
  onStep: (step: number | null) => void;
}

/** Python-Tutor-style replay: first / back / forward / last, and back to the whole run. */
export function StepControl({ step, total, onStep }: StepControlProps) {
  const at = step ?? total;
  const icon = "size-4";
  return (
    <div role="group" aria-label="Step through the run" className="flex flex-wrap items-center gap-1">
      <Button variant="ghost" className="px-2" onClick={() => onStep(1)} disabled={step === 1} aria-label="First step">
        <ChevronsLeft aria-hidden="true" className={icon} />
      </Button>
      <Button variant="ghost" className="px-2" onClick={() => onStep(step === null ? total : Math.max(1, step - 1))} disabled={step === 1} aria-label="Previous step" aria-keyshortcuts="ArrowLeft">
        <ChevronLeft aria-hidden="true" className={icon} />
      </Button>
      <span className="min-w-28 text-center text-sm tabular-nums">
        {step === null ? `Whole run · ${total} events` : `Step ${step} of ${total}`}
      </span>
      <Button variant="ghost" className="px-2" onClick={() => onStep(step === null ? 1 : Math.min(total, step + 1))} disabled={step === total} aria-label="Next step" aria-keyshortcuts="ArrowRight">
        <ChevronRight aria-hidden="true" className={icon} />
      </Button>
      <Button variant="ghost" className="px-2" onClick={() => onStep(total)} disabled={at === total && step !== null} aria-label="Last step">
        <ChevronsRight aria-hidden="true" className={icon} />
      </Button>
      {step !== null && (
        <Button variant="ghost" className="px-2" onClick={() => onStep(null)}>
          <ListChecks aria-hidden="true" className={icon} />
          Whole run
        </Button>
      )}
    </div>
  );
}
