"use client";
import { ListChecks, Play, RotateCcw, Swords } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EARLY_ACTION_ATTR, earlyActionName, type EarlyAction } from "./early-actions";
import type { WorkbenchUnit } from "./types";

interface RunToolbarProps {
  unit: WorkbenchUnit;
  pending: boolean;
  /** Hydrated. Run, the races and Check work before (early-actions.ts); Reset waits for it. */
  ready: boolean;
  onRun(scenarioId?: string): void;
  /** Graded units only: run the grader's race checks. */
  onCheck?: () => void;
  onReset(): void;
  /** The keyboard shortcuts help, beside Reset. */
  help?: ReactNode;
}

export function RunToolbar({ unit, pending, ready, onRun, onCheck, onReset, help }: RunToolbarProps) {
  const early = (action: EarlyAction) => ({ [EARLY_ACTION_ATTR]: earlyActionName(action) });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="primary" onClick={() => onRun()} disabled={pending} {...early({ kind: "run" })} data-testid="run-button" aria-keyshortcuts="Control+Enter Meta+Enter">
        <Play aria-hidden className="size-4" />
        {pending ? "Running…" : "Run"}
      </Button>
      {unit.scenarios.map((s) => (
        <Button key={s.id} onClick={() => onRun(s.id)} disabled={pending} {...early({ kind: "run", scenarioId: s.id })} title={s.description} data-testid={`scenario-${s.id}`}>
          <Swords aria-hidden className="size-4" />
          {s.label}
        </Button>
      ))}
      {onCheck && (
        <Button onClick={onCheck} disabled={pending} {...early({ kind: "check" })} data-testid="check-button" aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter">
          <ListChecks aria-hidden className="size-4" />
          Check my code
        </Button>
      )}
      <span className="ml-auto" />
      {help}
      <ConfirmDialog
        trigger={
          <Button variant="ghost" disabled={!ready} data-testid="reset-button">
            <RotateCcw aria-hidden className="size-4" />
            Reset to starter
          </Button>
        }
        title="Reset to the starter code?"
        description="Your code for this unit is replaced by the starter code. You can still undo with Ctrl+Z (⌘+Z) in the editor."
        confirmLabel="Reset"
        onConfirm={onReset}
        danger
      />
    </div>
  );
}
