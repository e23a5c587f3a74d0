import { attempts as attemptsOf, type AttemptOutcome, type Trace } from "@/lib/trace";

const GLYPH: Partial<Record<AttemptOutcome, { mark: string; word: string; className: string }>> = {
  committed: { mark: "✓", word: "committed", className: "border-green-700 text-green-900 dark:border-green-400 dark:text-green-200" },
  aborted: { mark: "✗", word: "aborted", className: "border-red-700 text-red-900 dark:border-red-400 dark:text-red-200" },
};
const OTHER = { mark: "…", word: "still open", className: "border-slate-400 text-slate-700 dark:text-slate-300" };

/**
 * A crowd's lanes, compact: one small card per client with its attempts in order (✓ committed,
 * ✗ aborted - a mark and a word, never color alone). Readable at 50 clients, where full lanes
 * would be cut to a few letters each.
 */
export function CrowdLanes({ trace }: { trace: Trace }) {
  const program = trace.clients.filter((c) => c.origin === "program");
  const byClient = new Map<string, AttemptOutcome[]>();
  for (const a of attemptsOf(trace)) byClient.set(a.client, [...(byClient.get(a.client) ?? []), a.outcome]);
  const lanes = program.filter((c) => byClient.has(c.id));
  if (lanes.length === 0) return null;
  return (
    <ol aria-label="Attempts per client, in order" data-testid="crowd-lanes" className="grid grid-cols-[repeat(auto-fill,minmax(8.5rem,1fr))] gap-1.5 text-sm">
      {lanes.map((c) => {
        const outcomes = byClient.get(c.id) ?? [];
        const aborted = outcomes.filter((o) => o === "aborted").length;
        const committed = outcomes.includes("committed");
        return (
          <li
            key={c.id}
            data-client={c.id}
            data-attempts={outcomes.length}
            className="flex items-center gap-1.5 rounded-md border border-slate-300 px-1.5 py-1 dark:border-slate-700"
            aria-label={`${c.id}: ${outcomes.length} ${outcomes.length === 1 ? "attempt" : "attempts"}, ${aborted} aborted, ${committed ? "committed" : "not committed yet"}`}
          >
            <span className="rounded-sm bg-slate-900 px-1 font-mono text-xs font-bold text-white dark:bg-slate-100 dark:text-slate-900">{c.id}</span>
            <span aria-hidden="true" className="flex min-w-0 flex-wrap gap-0.5 font-mono text-xs leading-none">
              {outcomes.map((o, i) => {
                const g = GLYPH[o] ?? OTHER;
                return (
                  <span key={i} title={`attempt ${i + 1}: ${g.word}`} className={`rounded-sm border px-0.5 ${g.className}`}>
                    {g.mark}
                  </span>
                );
              })}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
