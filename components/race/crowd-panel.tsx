import { crowdStats } from "@/lib/race/stats";
import type { PublicRaceMeta } from "@/lib/race/meta";
import type { StreamedResult } from "@/lib/race/streamed-result";
import type { Trace } from "@/lib/trace";

/** Attempts per client (bars + table) and whether the final value is exact. */
export function CrowdPanel({ crowd, trace, result }: { crowd: NonNullable<PublicRaceMeta["crowd"]>; trace: Trace; result: StreamedResult | null }) {
  const s = crowdStats(trace);
  const final = result?.finalState?.[crowd.key];
  const exact = final === String(crowd.expected);
  const max = Math.max(1, s.maxAttempts);
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
      <div aria-hidden="true" className="flex h-40 items-end gap-px border-b border-slate-400" title="Attempts per client">
        {s.clients.map((c) => (
          <div key={c.client} className="flex-1 bg-blue-600 dark:bg-blue-400" style={{ height: `${(c.attempts / max) * 100}%` }} title={`${c.client}: ${c.attempts}`} />
        ))}
      </div>
      <details>
        <summary className="cursor-pointer">Attempts per client as a table</summary>
        <table className="mt-2 text-sm" data-testid="crowd-table">
          <thead>
            <tr>
              <th className="px-2 text-left">Client</th>
              <th className="px-2 text-right">Attempts</th>
              <th className="px-2 text-right">Committed</th>
            </tr>
          </thead>
          <tbody>
            {s.clients.map((c) => (
              <tr key={c.client}>
                <td className="px-2 font-mono">{c.client}</td>
                <td className="px-2 text-right tabular-nums">{c.attempts}</td>
                <td className="px-2 text-right">{c.commits > 0 ? "yes" : "no"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
