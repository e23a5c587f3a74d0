import { TriangleExclamationPoint } from "lucide-react";
import type { LostUpdate, ScheduleStep } from "@/lib/trace";
import { stepOfSeq } from "./explore-model";

/** The schedule lost an update: its standard name, the sentence, and the two reads that saw the same value. */
export function LostUpdateNote({ lost, steps }: { lost: LostUpdate; steps: ScheduleStep[] }) {
  const at = (seq: number) => {
    const s = stepOfSeq(steps, seq);
    return s ? `step ${s}` : `event #${seq}`;
  };
  return (
    <section
      aria-labelledby="lost-title"
      data-testid="lost-update"
      data-key={lost.key}
      className="flex flex-col gap-1 rounded-lg border-2 border-red-700 p-3 text-red-950 dark:border-red-400 dark:text-red-100"
    >
      <h2 id="lost-title" className="flex items-center gap-1.5 text-lg font-semibold">
        <TriangleExclamationPoint aria-hidden="true" className="size-5" />
        Lost update on {lost.key}
      </h2>
      <p>{lost.sentence}</p>
      <ul className="list-disc pl-6 text-sm" aria-label="The reads behind it">
        {lost.reads.map((r) => (
          <li key={r.seq} data-client={r.client} data-value={r.value}>
            {r.client} read {lost.key} = {r.value} at {at(r.seq)}
          </li>
        ))}
        <li>
          {lost.lostWrite.client}&apos;s update ({lost.lostWrite.delta < 0 ? lost.lostWrite.delta : `+${lost.lostWrite.delta}`}) took effect at {at(lost.lostWrite.seq)}; {lost.overwrite.client} then
          set {lost.key} to {lost.overwrite.value} at {at(lost.overwrite.seq)}
        </li>
      </ul>
    </section>
  );
}
