import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AudienceView } from "@/components/explorer/audience-view";
import { SESSION_ID } from "@/components/explorer/explore-contract";

export const metadata: Metadata = { title: "Following a schedule" };
export const dynamic = "force-dynamic";

/** The audience link of a presented explorer: read-only, follows the presenter's steps live. */
export default async function ExploreAudiencePage({ params }: { params: Promise<{ session: string }> }) {
  const { session } = await params;
  if (!SESSION_ID.test(session)) notFound();
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4">
      <h1 className="text-2xl font-bold tracking-tight">Following the presenter&apos;s schedule</h1>
      <p className="max-w-3xl text-slate-700 dark:text-slate-300">Each lane shows the command that client sends next; the presenter chooses who goes.</p>
      <AudienceView session={session} />
    </div>
  );
}
