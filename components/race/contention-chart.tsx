"use client";
/**
 * Attempts per successful transaction as contention grows, measured live: one crowd run per K
 * against the real Redis, next to the same crowd using one atomic INCRBY each. Hand-made SVG,
 * with the table as its accessible alternative.
 */
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { Measurement } from "@/lib/race/stats";

export const CONTENTION_STEPS = [1, 2, 5, 10, 20, 50] as const;

const W = 640;
const H = 300;
const PAD = { l: 48, r: 16, t: 16, b: 40 };

export function ContentionChart() {
  const [watch, setWatch] = useState<Measurement[]>([]);
  const [atomic, setAtomic] = useState<Measurement[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [compare, setCompare] = useState(true);

  const measure = async () => {
    setBusy(true);
    setError("");
    setWatch([]);
    setAtomic([]);
    for (const k of CONTENTION_STEPS) {
      for (const isAtomic of compare ? [false, true] : [false]) {
        const res = await fetch("/api/runs/measure", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ clients: k, atomic: isAtomic }),
        }).catch(() => null);
        const data = (await res?.json().catch(() => null)) as (Measurement & { error?: string }) | null;
        if (!res?.ok || !data || data.error) {
          setError(data?.error ?? "The measurement failed. Try again.");
          setBusy(false);
          return;
        }
        (isAtomic ? setAtomic : setWatch)((prev) => [...prev, data]);
      }
    }
    setBusy(false);
  };

  const maxY = Math.max(2, ...watch.map((m) => m.attemptsPerCommit));
  const x = (i: number) => PAD.l + (i * (W - PAD.l - PAD.r)) / (CONTENTION_STEPS.length - 1);
  const y = (v: number) => H - PAD.b - (v / maxY) * (H - PAD.t - PAD.b);
  const points = (ms: Measurement[]) => ms.map((m) => `${x(CONTENTION_STEPS.indexOf(m.clients as (typeof CONTENTION_STEPS)[number]))},${y(m.attemptsPerCommit)}`).join(" ");
  const ticks = niceTicks(maxY);

  return (
    <section aria-labelledby="contention-title" className="flex flex-col gap-3" data-testid="contention">
      <h2 id="contention-title" className="text-xl font-semibold">
        Contention: when is WATCH the right tool?
      </h2>
      <p className="max-w-3xl text-slate-700 dark:text-slate-300">
        K clients each add 1 to the same key with a WATCH / GET / MULTI / SET / EXEC retry loop, all at once. Every aborted EXEC is a wasted
        round trip: with little contention WATCH costs almost nothing, with many writers on one key the attempts pile up - and a single atomic
        command (INCRBY) always needs exactly one.
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <Button variant="primary" onClick={() => void measure()} disabled={busy} data-testid="measure">
          {busy ? "Measuring..." : "Measure now"}
        </Button>
        <label className="flex items-center gap-1.5 text-sm">
          <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} disabled={busy} />
          Compare with atomic INCRBY
        </label>
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          {error}
        </p>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full max-w-3xl" role="img" aria-labelledby="contention-svg-title contention-svg-desc" data-testid="contention-svg">
        <title id="contention-svg-title">Attempts per committed transaction by number of concurrent clients</title>
        <desc id="contention-svg-desc">The table below lists the same figures.</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(t)} y2={y(t)} className="stroke-slate-300 dark:stroke-slate-700" />
            <text x={PAD.l - 6} y={y(t) + 4} textAnchor="end" className="fill-current text-[11px]">
              {t}
            </text>
          </g>
        ))}
        <line x1={PAD.l} x2={PAD.l} y1={PAD.t} y2={H - PAD.b} className="stroke-current" />
        <line x1={PAD.l} x2={W - PAD.r} y1={H - PAD.b} y2={H - PAD.b} className="stroke-current" />
        {CONTENTION_STEPS.map((k, i) => (
          <text key={k} x={x(i)} y={H - PAD.b + 16} textAnchor="middle" className="fill-current text-[11px]">
            {k}
          </text>
        ))}
        <text x={(W + PAD.l) / 2} y={H - 6} textAnchor="middle" className="fill-current text-xs">
          concurrent clients (K)
        </text>
        <text x={12} y={H / 2} textAnchor="middle" transform={`rotate(-90 12 ${H / 2})`} className="fill-current text-xs">
          attempts per commit
        </text>
        {atomic.length > 0 && <polyline points={points(atomic)} fill="none" strokeWidth={2} strokeDasharray="6 4" className="stroke-green-700 dark:stroke-green-400" />}
        {watch.length > 0 && <polyline points={points(watch)} fill="none" strokeWidth={2.5} className="stroke-blue-700 dark:stroke-blue-400" />}
        {watch.map((m) => {
          const i = CONTENTION_STEPS.indexOf(m.clients as (typeof CONTENTION_STEPS)[number]);
          return (
            <g key={m.clients}>
              <circle cx={x(i)} cy={y(m.attemptsPerCommit)} r={4} className="fill-blue-700 dark:fill-blue-400" />
              <text x={x(i)} y={y(m.attemptsPerCommit) - 8} textAnchor="middle" className="fill-current text-[11px]">
                {m.attemptsPerCommit}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="text-sm">
        <span className="font-semibold text-blue-700 dark:text-blue-400">Solid: WATCH retry loop</span> ·{" "}
        <span className="font-semibold text-green-700 dark:text-green-400">Dashed: atomic INCRBY</span>
      </p>
      <table className="w-full max-w-3xl text-sm" data-testid="contention-table">
        <caption className="text-left font-medium">Measured against this server&apos;s Redis</caption>
        <thead>
          <tr className="border-b border-slate-300 dark:border-slate-700">
            <th scope="col" className="px-2 text-left">Clients</th>
            <th scope="col" className="px-2 text-right">WATCH: attempts per commit</th>
            <th scope="col" className="px-2 text-right">Most attempts by one client</th>
            <th scope="col" className="px-2 text-right">Final value exact?</th>
            <th scope="col" className="px-2 text-right">WATCH run, ms</th>
            <th scope="col" className="px-2 text-right">INCRBY run, ms</th>
          </tr>
        </thead>
        <tbody>
          {watch.length === 0 && (
            <tr>
              <td colSpan={6} className="px-2 py-1 text-slate-600 dark:text-slate-400">
                {busy ? "Measuring..." : "No figures yet: press Measure now."}
              </td>
            </tr>
          )}
          {watch.map((m) => {
            const a = atomic.find((p) => p.clients === m.clients);
            return (
              <tr key={m.clients} data-clients={m.clients} data-apc={m.attemptsPerCommit} data-exact={String(m.exact)}>
                <th scope="row" className="px-2 text-left">{m.clients}</th>
                <td className="px-2 text-right tabular-nums">{m.attemptsPerCommit}</td>
                <td className="px-2 text-right tabular-nums">{m.maxAttempts}</td>
                <td className="px-2 text-right">{m.exact ? `yes (${m.final})` : `no (${m.final ?? "missing"})`}</td>
                <td className="px-2 text-right tabular-nums">{Math.round(m.ms)}</td>
                <td className="px-2 text-right tabular-nums">{a ? Math.round(a.ms) : "-"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function niceTicks(max: number): number[] {
  const step = max <= 5 ? 1 : max <= 10 ? 2 : max <= 25 ? 5 : 10;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(v);
  return out;
}
