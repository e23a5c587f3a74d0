/**
 * How a command looks: icon + words + tone. The words alone must carry the meaning (color is a
 * third cue, never the only one), so every label names what happened: "queued", "WatchError".
 */
import {
  BookOpen,
  CircleCheck,
  CircleX,
  Eye,
  EyeOff,
  Hourglass,
  Layers,
  OctagonX,
  Pause,
  Pencil,
  Trash,
  Zap,
  type LucideIcon,
} from "lucide-react";
import { isWriteCommand, execFailures, formatArgs, formatValue, type CommandEvent, type PauseEvent } from "@/lib/trace";

export type Tone = "watch" | "read" | "multi" | "queued" | "committed" | "aborted" | "control" | "error" | "write" | "dirty" | "pause";

/** Full class strings so Tailwind sees them; light and dark pairs stay readable (AA). */
export const TONE_CLASS: Record<Tone, string> = {
  watch: "border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100",
  read: "border-slate-300 bg-white text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100",
  multi: "border-violet-300 bg-violet-50 text-violet-950 dark:border-violet-700 dark:bg-violet-950 dark:text-violet-100",
  queued: "border-amber-300 bg-amber-50 text-amber-950 border-dashed dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
  committed: "border-emerald-400 bg-emerald-50 text-emerald-950 dark:border-emerald-600 dark:bg-emerald-950 dark:text-emerald-100",
  aborted: "border-rose-400 bg-rose-50 text-rose-950 dark:border-rose-600 dark:bg-rose-950 dark:text-rose-100",
  control: "border-zinc-300 bg-zinc-100 text-zinc-900 dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100",
  error: "border-red-500 bg-red-50 text-red-950 dark:border-red-500 dark:bg-red-950 dark:text-red-100",
  write: "border-indigo-300 bg-indigo-50 text-indigo-950 dark:border-indigo-700 dark:bg-indigo-950 dark:text-indigo-100",
  dirty: "border-orange-500 bg-orange-50 text-orange-950 dark:border-orange-500 dark:bg-orange-950 dark:text-orange-100",
  pause: "border-yellow-400 bg-yellow-50 text-yellow-950 dark:border-yellow-600 dark:bg-yellow-950 dark:text-yellow-100",
};

export interface ChipLook {
  icon: LucideIcon;
  tone: Tone;
  /** The visible words, e.g. `GET balance:1 → "100"`. */
  label: string;
  /** A short status word shown as a badge: "queued", "WatchError", "error". */
  badge?: string;
}

export function commandLook(e: CommandEvent, dirtiesKey?: string): ChipLook {
  const call = `${e.name}${e.args.length ? ` ${formatArgs(e.args, 36)}` : ""}`;
  if (e.error !== undefined) {
    if (e.name === "EXEC") return { icon: OctagonX, tone: "error", label: "EXEC discarded", badge: "error" };
    return { icon: OctagonX, tone: "error", label: call, badge: "error" };
  }
  if (e.queued) return { icon: Hourglass, tone: "queued", label: call, badge: "queued" };
  switch (e.name) {
    case "WATCH":
      return { icon: Eye, tone: "watch", label: call };
    case "UNWATCH":
      return { icon: EyeOff, tone: "control", label: "UNWATCH" };
    case "MULTI":
      return { icon: Layers, tone: "multi", label: "MULTI" };
    case "DISCARD":
      return { icon: Trash, tone: "control", label: "DISCARD" };
    case "EXEC": {
      const outcome = e.outcome ?? (e.reply === null ? "aborted" : e.reply === undefined ? undefined : "committed");
      if (outcome === "aborted") return { icon: CircleX, tone: "aborted", label: "EXEC → null", badge: "WatchError" };
      if (outcome === "discarded") return { icon: Trash, tone: "control", label: "EXEC discarded" };
      if (outcome === "committed") {
        // Redis runs every queued command even when one fails; say so instead of a plain "committed".
        const failed = execFailures(e);
        return { icon: CircleCheck, tone: "committed", label: failed ? `EXEC, ${failed} failed` : "EXEC", badge: "committed" };
      }
      return { icon: Layers, tone: "multi", label: "EXEC …" };
    }
  }
  const reply = e.reply === undefined ? "" : ` → ${formatValue(e.reply, 18)}`;
  // The key is in the call and the new value in the key's track: the badge stays short so the
  // call is not truncated away in a narrow lane.
  if (dirtiesKey !== undefined) return { icon: Zap, tone: "dirty", label: call, badge: "changed" };
  if (isWriteCommand(e.name)) return { icon: Pencil, tone: "write", label: `${call}${reply}` };
  return { icon: BookOpen, tone: "read", label: `${call}${reply}` };
}

export function pauseLook(e: PauseEvent): ChipLook {
  return { icon: Pause, tone: "pause", label: `${e.name} ${formatArgs(e.args, 30)}`.trim(), badge: "paused" };
}
