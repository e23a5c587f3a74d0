import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { restoreSavedCodeScript } from "@/components/lesson/code-storage";
import { earlyActionsScript } from "@/components/lesson/early-actions";
import { Hints } from "@/components/lesson/hints";
import { KindBadge } from "@/components/lesson/kind-badge";
import { Prose } from "@/components/lesson/prose";
import type { WorkbenchUnit } from "@/components/lesson/types";
import { Workbench } from "@/components/lesson/workbench";
import { twoConcurrentCalls } from "@/components/explorer/program-variants";
import { loadCourse, loadUnit } from "@/lib/lessons/loader";
import { ALLOWED_API_DTS } from "@/lib/runner/allowlist/api-dts";

interface PageProps {
  params: Promise<{ slug: string }>;
}

export function generateStaticParams() {
  return loadCourse().map((unit) => ({ slug: unit.slug }));
}

export const dynamicParams = false;

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const unit = loadUnit((await params).slug);
  return { title: unit?.title ?? "Unit not found" };
}

export default async function UnitPage({ params }: PageProps) {
  const { slug } = await params;
  const unit = loadUnit(slug);
  if (!unit) notFound();
  const course = loadCourse();
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const next = course.find((u) => u.order === unit.order + 1);

  // Only what the browser needs: plans and the solution stay on the server.
  const workbenchUnit: WorkbenchUnit = {
    slug: unit.slug,
    kind: unit.kind,
    title: unit.title,
    starter: unit.starter,
    hasSolution: Boolean(unit.solution),
    graded: unit.kind === "exercise",
    scenarios: unit.scenarios.map(({ id, label, description }) => ({ id, label, description })),
    expectedFinal: unit.expected.finalState,
  };

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)] xl:grid-cols-[minmax(0,1fr)_minmax(0,2fr)] xl:gap-6">
      <article className="min-w-0">
        <nav aria-label="Breadcrumb" className="text-sm">
          <Link href="/" className="text-blue-700 underline underline-offset-2 dark:text-blue-300">
            Course
          </Link>
          <span aria-hidden> / </span>
          <span>Unit {unit.order} of {course.length}</span>
        </nav>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold tracking-tight">{unit.title}</h1>
          <KindBadge kind={unit.kind} />
        </div>
        <div className="mt-4">
          <Prose markdown={unit.prose} />
        </div>
        <div className="mt-6">
          <Hints hints={unit.hints} />
        </div>
        {unit.kind === "exercise" && unit.solution && twoConcurrentCalls(unit.solution) && (
          <p className="mt-6 text-sm" data-testid="explorer-link">
            What if two calls run at once?{" "}
            <Link href={`/race/explore?unit=${unit.slug}`} className="font-medium text-blue-700 underline dark:text-blue-300">
              Interleave them yourself in the schedule explorer
            </Link>
          </p>
        )}
        {next && (
          <p className="mt-8 border-t border-slate-200 pt-4 dark:border-slate-800">
            Next:{" "}
            <Link href={`/lessons/${next.slug}`} className="font-medium text-blue-700 underline dark:text-blue-300">
              {next.title}
            </Link>
          </p>
        )}
      </article>
      <section aria-label="Workbench" className="min-w-0">
        {/* Before the buttons are painted: Run, the races and Check take clicks until hydration. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: earlyActionsScript() }} />
        <Workbench key={unit.slug} unit={workbenchUnit} apiDts={ALLOWED_API_DTS} />
        {/* Before the first paint: the learner's saved code into the (already typeable) code view. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: restoreSavedCodeScript(unit.slug) }} />
      </section>
    </div>
  );
}
