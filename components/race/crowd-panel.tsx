import { crowdStats } from "@/lib/race/stats";
import { CrowdLanes } from "./crowd-lanes";
import type { PublicRaceMeta } from "@/lib/race/meta";
import type { StreamedResult } from "@/lib/race/streamed-result";
import type { Trace } from "@/lib/trace";

/** Attempts per client (bars + table) and whether the final value is exact. */
export function CrowdPanel({ crowd, trace, result }: { crowd: NonNullable<PublicRaceMeta["crowd"]>; trace: Trace; result: StreamedResult | null }) {
  const s = crowdStats(trace);
  const final = result?.finalState?.[crowd.key];
  const exact = final === String(crowd.expected);
  return (
    <section aria-labelledby="crowd-title" className="flex flex-col gap-3" data-testid="crowd-panel">
      <h2 id="crowd-title" className="text-xl font-semibold">
        {crowd.clients} clients, one key
      </h2>
      <p data-testid="crowd-summary">
        {s.commits} of {crowd.clients} transactions committed using {s.totalAttempts} attempts ({s.attemptsPerCommit || "-"} attempts per commit, at most{" "}
        {s.maxAttempts} for one client).
      </p>
      {result && (
        <p
          data-testid="crowd-final"
          data-exact={String(exact)}
          data-value={typeof final === "string" ? final : ""}
          className={exact ? "text-lg font-semibold text-green-800 dark:text-green-300" : "text-lg font-semibold text-red-800 dark:text-red-300"}
        >
          Final {crowd.key}: {typeof final === "string" ? final : "(missing)"} - expected {crowd.expected}: {exact ? "exact, no update was lost" : "NOT exact"}
        </p>
      )}
      <CrowdLanes trace={trace} />
      <div className="max-h-72 overflow-auto rounded-md border border-slate-200 dark:border-slate-800">
        <table className="w-full text-sm" data-testid="crowd-table">
          <caption className="sr-only">Attempts per client</caption>
          <thead className="sticky top-0 bg-white dark:bg-slate-950">
            <tr>
              <th scope="col" className="px-2 text-left">Client</th>
              <th scope="col" className="px-2 text-right">Attempts</th>
              <th scope="col" className="px-2 text-right">Committed</th>
            </tr>
          </thead>
          <tbody>
            {s.clients.map((c) => (
              <tr key={c.client}>
                <th scope="row" className="px-2 text-left font-mono">{c.client}</th>
                <td className="px-2 text-right tabular-nums">{c.attempts}</td>
                <td className="px-2 text-right">{c.commits > 0 ? "yes" : "no"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
