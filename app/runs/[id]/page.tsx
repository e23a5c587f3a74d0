import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { loadUnit } from "@/lib/lessons/loader";
import { serviceRedis } from "@/lib/redis/service-client";
import { SHARED_RUN_ID_PATTERN } from "@/lib/runs/share-types";
import type { SharedRun } from "@/lib/runs/shared-run";
import { loadSharedRun } from "@/lib/runs/store";
import { SharedRunView } from "./shared-run-view";

interface PageProps {
  params: Promise<{ id: string }>;
}

export const metadata: Metadata = { title: "A shared run" };

/** What a shared run was: "a plain run", "with a staged race: ...", "a check: ...". */
function describeWhat(what: SharedRun["what"], scenarioLabel: string | undefined): string {
  if (what.kind === "run") return "A plain run, no staged race.";
  if (what.kind === "staged") return `Run with a staged race: ${scenarioLabel ?? what.scenarioId}.`;
  return `One scenario of "Check my code" (${what.status}): ${what.test}${what.scenario ? ` - ${what.scenario}` : ""}.`;
}

/** A run someone shared: its program, outcome and timeline, from Redis (any instance serves it). */
export default async function SharedRunPage({ params }: PageProps) {
  const { id } = await params;
  if (!SHARED_RUN_ID_PATTERN.test(id)) notFound();
  let loaded: Awaited<ReturnType<typeof loadSharedRun>>;
  try {
    loaded = await loadSharedRun(serviceRedis(), id);
  } catch {
    return (
      <div className="mx-auto max-w-xl py-16 text-center" data-testid="shared-run-unavailable">
        <h1 className="text-2xl font-bold">This run cannot be loaded right now</h1>
        <p className="mt-3 text-slate-700 dark:text-slate-300">The playground&apos;s Redis is not reachable. Please try the link again in a moment.</p>
      </div>
    );
  }
  if (!loaded) notFound();
  const { run, expiresAt } = loaded;
  const unit = loadUnit(run.slug);
  const what = run.what;
  const scenarioLabel = what.kind === "staged" ? unit?.scenarios.find((s) => s.id === what.scenarioId)?.label : undefined;
  return (
    <div className="space-y-4" data-testid="shared-run">
      <header className="space-y-1">
        <p className="text-sm">
          <Link href="/" className="text-blue-700 underline underline-offset-2 dark:text-blue-300">
            Course
          </Link>
          {unit && (
            <>
              <span aria-hidden> / </span>
              <Link href={`/lessons/${unit.slug}`} className="text-blue-700 underline underline-offset-2 dark:text-blue-300">
                {unit.title}
              </Link>
            </>
          )}
        </p>
        <h1 className="text-2xl font-bold tracking-tight">A shared run{unit ? ` of "${unit.title}"` : ""}</h1>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {describeWhat(run.what, scenarioLabel)} Read-only; this link works until{" "}
          <time dateTime={new Date(expiresAt).toISOString()}>{new Date(expiresAt).toUTCString()}</time>.
        </p>
      </header>
      <SharedRunView run={run} expectedFinal={unit?.expected.finalState ?? {}} />
    </div>
  );
}
