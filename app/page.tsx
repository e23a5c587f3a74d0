import Link from "next/link";
import { PrefetchEditor } from "@/components/editor/prefetch-editor";
import { KindBadge } from "@/components/lesson/kind-badge";
import { ProgressBadge } from "@/components/lesson/progress-badge";
import { loadCourse } from "@/lib/lessons/loader";

export default function CoursePage() {
  const units = loadCourse();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-3xl font-bold tracking-tight">Optimistic transactions in Redis</h1>
      <p className="mt-3 text-lg text-slate-700 dark:text-slate-300">
        Watch a key, read it, queue your writes with <code className="font-mono">MULTI</code>, and let{" "}
        <code className="font-mono">EXEC</code> tell you whether another client got there first. Every program runs
        against a real Redis, and every command shows up on a timeline.
      </p>
      <ol className="mt-8 space-y-3" aria-label="Course units">
        {units.map((unit) => (
          <li key={unit.slug}>
            <Link
              href={`/lessons/${unit.slug}`}
              data-testid={`unit-link-${unit.slug}`}
              className="block rounded-lg border border-slate-200 p-4 hover:border-blue-400 hover:bg-slate-50 dark:border-slate-800 dark:hover:border-blue-500 dark:hover:bg-slate-900"
            >
              <div className="flex flex-wrap items-center gap-3">
                <span className="font-mono text-sm text-slate-600 dark:text-slate-400">{unit.order}.</span>
                <span className="text-lg font-semibold">{unit.title}</span>
                <KindBadge kind={unit.kind} />
                <span className="ml-auto">
                  <ProgressBadge slug={unit.slug} />
                </span>
              </div>
              <p className="mt-1 text-slate-700 dark:text-slate-300">{unit.summary}</p>
            </Link>
          </li>
        ))}
      </ol>
      <PrefetchEditor />
    </div>
  );
}
