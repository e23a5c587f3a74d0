"use client";
import { CheckCircle2, CircleAlert, Eye, XCircle } from "lucide-react";
import type { GradeResult, GradeTest } from "@/lib/lessons/grade-types";
import type { Trace } from "@/lib/trace";
import { explorerHref } from "@/components/explorer/explore-href";

const VERDICT = {
  pass: { icon: CheckCircle2, text: "All checks passed - this unit is done.", tone: "text-emerald-700 dark:text-emerald-300" },
  fail: { icon: XCircle, text: "Some checks failed. Each message below says what happened and why.", tone: "text-rose-700 dark:text-rose-300" },
  error: { icon: CircleAlert, text: "Your code could not be checked.", tone: "text-amber-700 dark:text-amber-300" },
} as const;

/** The grader's verdict: one row per test, a failing test's scenario can be opened on the timeline. */
export function CheckResults({
  result,
  pending,
  onShowTrace,
  source = "",
}: {
  result: GradeResult | null;
  pending: boolean;
  onShowTrace: (trace: Trace, label: string, index: number) => void;
  /** The code that was checked: a failing schedule opens in the explorer with it. */
  source?: string;
}) {
  if (pending) {
    return (
      <section aria-live="polite" aria-busy="true" className="rounded-lg border border-slate-300 p-3 text-sm dark:border-slate-700" data-testid="check-results">
        Checking your code against several races...
      </section>
    );
  }
  if (!result) return null;
  const v = VERDICT[result.status];
  const Icon = v.icon;
  return (
    <section aria-live="polite" aria-labelledby="check-heading" data-testid="check-results" data-status={result.status} className="space-y-3 rounded-lg border border-slate-300 p-3 dark:border-slate-700">
      <h3 id="check-heading" className={`flex items-center gap-2 font-semibold ${v.tone}`}>
        <Icon aria-hidden className="h-5 w-5" />
        <span>{v.text}</span>
      </h3>
      {result.error && (
        <p className="text-sm">
          {result.error.message}
          {result.error.line ? ` (line ${result.error.line})` : ""}
        </p>
      )}
      {result.tests.length > 0 && (
        <ol className="space-y-2">
          {result.tests.map((t, i) => (
            <TestRow key={i} test={t} showMe={t.schedule && source ? explorerHref(result.unit, source, t.schedule) : null} onShowTrace={(trace, label) => onShowTrace(trace, label, i)} />
          ))}
        </ol>
      )}
    </section>
  );
}

function TestRow({ test, showMe, onShowTrace }: { test: GradeTest; showMe: string | null; onShowTrace: (trace: Trace, label: string) => void }) {
  const passed = test.status === "pass";
  const Icon = passed ? CheckCircle2 : test.status === "fail" ? XCircle : CircleAlert;
  return (
    <li data-testid="check-test" data-status={test.status} className="text-sm">
      <div className="flex items-start gap-2">
        <Icon aria-hidden className={`mt-0.5 h-4 w-4 shrink-0 ${passed ? "text-emerald-600 dark:text-emerald-400" : "text-rose-600 dark:text-rose-400"}`} />
        <div className="min-w-0 space-y-1">
          <p>
            <span className="sr-only">{passed ? "Passed: " : test.status === "fail" ? "Failed: " : "Could not check: "}</span>
            <span className="font-medium">{test.name}</span>
            {!passed && <span className="ml-2 rounded bg-rose-100 px-1.5 text-xs font-semibold uppercase text-rose-800 dark:bg-rose-950 dark:text-rose-200">{test.status}</span>}
          </p>
          {!passed && test.message && <p className="whitespace-pre-line text-slate-700 dark:text-slate-300">{test.message}</p>}
          {!passed && test.scenario && <p className="text-xs text-slate-600 dark:text-slate-400">Scenario: {test.scenario}</p>}
          {!passed && test.trace && (
            <button
              type="button"
              onClick={() => onShowTrace(test.trace!, test.scenario || test.name)}
              className="inline-flex items-center gap-1 rounded border border-slate-400 px-2 py-0.5 text-xs hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:hover:bg-slate-800"
            >
              <Eye aria-hidden className="h-3.5 w-3.5" /> Show this scenario on the timeline
            </button>
          )}
          {!passed && showMe && (
            <a
              href={showMe}
              data-testid="show-me-schedule"
              className="ml-2 inline-flex items-center gap-1 rounded border border-slate-400 px-2 py-0.5 text-xs hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:hover:bg-slate-800"
            >
              Show me: step through this interleaving in the schedule explorer
            </a>
          )}
        </div>
      </div>
    </li>
  );
}
