"use client";
import { clsx } from "clsx";
import { useEffect, useRef } from "react";

interface CodeViewProps {
  source: string;
  highlightLine: number | null;
  onLineClick: (line: number) => void;
}

/** The shared program, read-only, with line numbers; the timeline's line is marked and kept in view. */
export function CodeView({ source, highlightLine, onLineClick }: CodeViewProps) {
  const box = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (highlightLine === null) return;
    box.current?.querySelector(`[data-line="${highlightLine}"]`)?.scrollIntoView({ block: "nearest" });
  }, [highlightLine]);
  return (
    <ol
      ref={box}
      aria-label="The shared program"
      data-testid="shared-code"
      className="max-h-[60vh] overflow-auto rounded-lg border border-slate-300 bg-slate-50 py-2 font-mono text-sm xl:h-full xl:max-h-none dark:border-slate-700 dark:bg-slate-900"
    >
      {source.split("\n").map((text, i) => {
        const line = i + 1;
        const on = line === highlightLine;
        return (
          <li key={line} data-line={line} aria-current={on ? "true" : undefined} className={clsx("flex", on && "bg-amber-100 dark:bg-amber-900/60")}>
            <button
              type="button"
              onClick={() => onLineClick(line)}
              aria-label={`Show the commands of line ${line}`}
              className="w-12 shrink-0 pr-3 text-right text-slate-500 select-none hover:text-slate-900 dark:text-slate-400 dark:hover:text-white"
            >
              {on && <span className="sr-only">highlighted: </span>}
              {line}
            </button>
            <span className="whitespace-pre">{text || " "}</span>
          </li>
        );
      })}
    </ol>
  );
}
