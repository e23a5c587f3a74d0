"use client";
import { Moon, Sun } from "lucide-react";
import { useEffect } from "react";
import { followSystemTheme, setTheme } from "./theme";
import { useDarkTheme } from "./use-dark-theme";

export function ThemeToggle() {
  const dark = useDarkTheme();
  useEffect(followSystemTheme, []);
  return (
    <button
      type="button"
      onClick={() => setTheme(!dark)}
      aria-pressed={dark}
      data-testid="theme-toggle"
      className="inline-flex items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
    >
      {dark ? <Moon aria-hidden className="size-4" /> : <Sun aria-hidden className="size-4" />}
      Dark theme
    </button>
  );
}
