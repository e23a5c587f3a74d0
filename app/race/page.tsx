import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { ContentionChart } from "@/components/race/contention-chart";
import { StartForm, type UnitChoice } from "@/components/race/start-form";
import { loadCourse } from "@/lib/lessons/loader";
import { defaultOpponent } from "@/lib/race/plan";
import { INSTRUCTOR_COOKIE, instructorAccess } from "@/lib/race/server/instructor";

export const metadata: Metadata = { title: "Race lab" };

export default async function RaceLabPage() {
  // Locked lab and this browser has not entered the key yet: the form asks for it.
  const askKey = !instructorAccess({ cookie: (await cookies()).get(INSTRUCTOR_COOKIE)?.value }).ok;
  const units: UnitChoice[] = loadCourse().map((u) => ({
    slug: u.slug,
    label: `${u.order}. ${u.title}`,
    program: u.solution ?? u.starter,
    opponent: defaultOpponent(u),
  }));
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-10">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Race lab</h1>
        <p className="mt-2 max-w-3xl text-slate-700 dark:text-slate-300">
          Stage a race between a program&apos;s transaction and another client against the real Redis, and show it live: step the program command by
          command and decide when the other client writes, stage conflicts on chosen attempts, let it write on a timer, or run the same transaction from
          a crowd of clients. Every client is a lane named by a letter (A, B, ...) in the order the run opens it; the buttons use the same letters.
        </p>
      </div>
      <p className="max-w-3xl" data-testid="explorer-link">
        Want to choose every interleaving yourself, undo it and share it as a link?{" "}
        <Link href="/race/explore" className="font-medium text-blue-700 underline dark:text-blue-300">
          Open the schedule explorer
        </Link>
      </p>
      <StartForm units={units} askKey={askKey} />
      <ContentionChart />
    </div>
  );
}
