import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RaceRoom } from "@/components/race/race-room";
import { loadRoom } from "./load";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Race lab run" };

export default async function RacePresenterPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  const room = await loadRoom(runId);
  if (!room) notFound();
  return <RaceRoom meta={room.meta} role={room.canControl ? "presenter" : "viewer"} initial={room.initial} />;
}
