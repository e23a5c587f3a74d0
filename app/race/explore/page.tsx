import type { Metadata } from "next";
import Link from "next/link";
import { Explorer } from "@/components/explorer/explorer";
import { explorerProgram } from "@/components/explorer/program-variants";
import { parseLink, parseOtherCommands } from "@/components/explorer/schedule-link";
import { loadCourse } from "@/lib/lessons/loader";

export const metadata: Metadata = { title: "Schedule explorer" };
export const dynamic = "force-dynamic";

const DEFAULT_UNIT = "update-likes";

/** Be the scheduler: the link (?unit=&schedule=) is the whole state, so it replays for anyone. */
export default async function ExplorePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const params = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  const course = loadCourse();
  const units = course.map((u) => ({ slug: u.slug, label: `${u.order}. ${u.title}`, program: explorerProgram(u) }));
  const link = parseLink(params, DEFAULT_UNIT);
  const unit = units.find((u) => u.slug === link.unit) ?? units.find((u) => u.slug === DEFAULT_UNIT) ?? units[0]!;
  const code = link.code ?? unit.program;
  const other = link.other ? parseOtherCommands(link.other) : [];
  const program = {
    unit: unit.slug,
    ...(code !== unit.program ? { source: code } : {}),
    ...(other.length ? { other, otherText: link.other } : {}),
    ...(link.calls ? { concurrentCalls: true } : {}),
  };
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-6">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Schedule explorer</h1>
        <p className="mt-2 max-w-3xl text-slate-700 dark:text-slate-300">
          You are the scheduler. Each client of the program is a lane with the command it will send next; choose which one goes (click its lane or press
          its number). Interleave two calls so both read before either runs EXEC, and watch WATCH turn the second EXEC away. Undo goes back one step,
          and the address of this page is the schedule: share it and anyone replays exactly this interleaving. <Link href="/race" className="underline underline-offset-2">Back to the race lab</Link>
        </p>
      </div>
      <Explorer units={units} program={program} code={code} schedule={link.schedule} predict={link.predict ?? false} {...(link.at ? { focusSeq: link.at } : {})} />
    </div>
  );
}
