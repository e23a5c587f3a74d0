"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FORM_FIELD } from "@/components/ui/form-field";
import { UnitSelect } from "@/components/ui/unit-select";
import type { ExplorerProgram } from "./use-explorer";
import { parseOtherCommands } from "./schedule-link";

export interface UnitOption {
  slug: string;
  label: string;
  /** The unit's explorer program (program-variants.ts). */
  program: string;
}


/** Which program to interleave: a unit's, edited code, and optionally an other client's commands. */
export function ProgramForm({ units, program, code, onChange }: { units: UnitOption[]; program: ExplorerProgram; code: string; onChange: (p: ExplorerProgram, code: string) => void }) {
  const [slug, setSlug] = useState(program.unit);
  const [text, setText] = useState(code);
  const [other, setOther] = useState(program.otherText ?? "");
  const unitProgram = (s: string) => units.find((u) => u.slug === s)?.program ?? "";
  const apply = () => {
    const commands = other.trim() ? parseOtherCommands(other) : [];
    onChange(
      {
        unit: slug,
        ...(text !== unitProgram(slug) ? { source: text } : {}),
        ...(commands.length ? { other: commands.map((c) => ({ name: c.name, args: c.args })), otherText: other.trim() } : {}),
      },
      text,
    );
  };
  return (
    <details className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" data-testid="program-form">
      <summary className="cursor-pointer font-medium">The program and the other clients</summary>
      <form
        className="mt-3 flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label className="flex flex-col gap-1 text-sm">
          Unit (its setup, and its program with the call made twice at once)
          <UnitSelect
            units={units}
            value={slug}
            onPick={(picked) => {
              setSlug(picked);
              setText(unitProgram(picked));
            }}
            testId="explore-unit"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Code (edit or paste your own)
          <textarea className={`${FORM_FIELD} h-56 font-mono text-sm`} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} data-testid="explore-source" />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          An other client&apos;s commands, one step each, separated by ; (it becomes lane A), e.g. <code className="font-mono">INCRBY likes:99 10</code>
          <input className={`${FORM_FIELD} font-mono`} value={other} onChange={(e) => setOther(e.target.value)} data-testid="explore-other" />
        </label>
        <div>
          <Button type="submit" variant="primary" data-testid="explore-apply">
            Start over with this program
          </Button>
        </div>
      </form>
    </details>
  );
}
