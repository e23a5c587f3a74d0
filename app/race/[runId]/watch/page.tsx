import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RaceRoom } from "@/components/race/race-room";
import { loadRoom } from "../load";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Watching a race" };

/** The audience link: read-only, same live stream, replayable for 24 h. */
export default async function RaceWatchPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  const room = await loadRoom(runId);
  if (!room) notFound();
  return <RaceRoom meta={room.meta} role="audience" initial={room.initial} />;
}
