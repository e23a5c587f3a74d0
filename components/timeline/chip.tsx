import { clsx } from "clsx";
import { TONE_CLASS, type ChipLook } from "./chip-style";

interface ChipProps {
  look: ChipLook;
  /** The full sentence for assistive tech; the visible label is abbreviated. */
  description: string;
  selected: boolean;
  current: boolean;
  /** "× 12" on a folded run. */
  count?: number;
  onSelect: () => void;
}

/** One command on a lane: icon + words (+ badge), never color alone. */
export function Chip({ look, description, selected, current, count, onSelect }: ChipProps) {
  const Icon = look.icon;
  return (
    <button
      type="button"
      onClick={onSelect}
      aria-label={description}
      aria-pressed={selected}
      aria-current={current ? "step" : undefined}
      title={description}
      className={clsx(
        "flex h-8 max-w-full min-w-0 items-center gap-1.5 rounded-md border px-2 text-left font-mono text-xs",
        "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:focus-visible:outline-blue-400",
        "motion-safe:transition-shadow",
        TONE_CLASS[look.tone],
        selected && "ring-2 ring-blue-600 dark:ring-blue-400",
        current && !selected && "ring-2 ring-slate-900 dark:ring-white",
      )}
    >
      <Icon aria-hidden="true" className="size-3.5 shrink-0" />
      <span className="truncate">{look.label}</span>
      {count !== undefined && <span className="shrink-0 font-semibold">× {count}</span>}
      {look.badge && (
        // Badges keep the word's case ("WatchError" as in the lesson); upper case also got truncated in narrow lanes.
        <span className="shrink-0 rounded-sm bg-black/5 px-1 font-sans text-[0.7rem] font-semibold dark:bg-white/10">
          {look.badge}
        </span>
      )}
    </button>
  );
}
