import { clsx } from "clsx";
import type { Terminal } from "lucide-react";
import type { ConsoleEvent } from "@/lib/trace";
import type { RowContext } from "./row-context";

interface NoteProps {
  icon: typeof Terminal;
  text: string;
  description: string;
  ctx: RowContext;
  k: string;
  line: number | null;
  current: boolean;
  level?: ConsoleEvent["level"];
}

/** Console output, plan notes and the run's end: full width, in place between commands. */
export function Note({ icon: Icon, text, description, ctx, k, line, current, level }: NoteProps) {
  const selected = ctx.selected === k;
  return (
    <button
      type="button"
      onClick={() => ctx.onSelect(k, line)}
      aria-label={description}
      aria-pressed={selected}
      aria-current={current ? "step" : undefined}
      title={description}
      className={clsx(
        "flex h-7 max-w-full min-w-0 items-center gap-1.5 rounded-md px-2 text-left font-mono text-xs",
        "text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-slate-200 dark:hover:bg-slate-800",
        (level === "error" || level === "warn") && "text-red-800 dark:text-red-300",
        selected && "ring-2 ring-blue-600 dark:ring-blue-400",
        current && !selected && "ring-2 ring-slate-900 dark:ring-white",
      )}
    >
      <Icon aria-hidden="true" className="size-3.5 shrink-0" />
      <span className="truncate">{text}</span>
    </button>
  );
}
