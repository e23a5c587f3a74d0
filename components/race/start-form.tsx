"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FORM_FIELD } from "@/components/ui/form-field";
import { UnitSelect } from "@/components/ui/unit-select";
import { MAX_CROWD } from "@/lib/race/crowd";
import { RACE_MODES, startRaceSchema, type Opponent, type RaceMode, type StartRaceInput } from "@/lib/race/schema";
import { describeIssues } from "@/lib/validation/issues";

export interface UnitChoice {
  slug: string;
  label: string;
  /** The unit's working program (solution, else starter). */
  program: string;
  opponent: Opponent;
}

const MODES: Record<RaceMode, { label: string; hint: string }> = {
  step: { label: "Step", hint: "The run pauses before each of the program's commands; you step it and decide when the other client writes." },
  staged: { label: "Staged", hint: "The other client writes right after the program's read, on the attempts you choose." },
  live: { label: "Live", hint: "The other client writes N times, every T ms, while the program runs." },
  crowd: { label: "Crowd", hint: `The same transaction run by K clients at once on one key (K up to ${MAX_CROWD}).` },
};


/** `askKey`: the lab is locked to instructors and this browser has not given the key yet. */
export function StartForm({ units, askKey }: { units: UnitChoice[]; askKey: boolean }) {
  const router = useRouter();
  const first = units[0];
  const [mode, setMode] = useState<RaceMode>("step");
  const [slug, setSlug] = useState(first?.slug ?? "");
  const [source, setSource] = useState(first?.program ?? "");
  const [opponent, setOpponent] = useState<Opponent>(first?.opponent ?? { op: "INCRBY", key: "counter", value: 10 });
  const [idleSeconds, setIdleSeconds] = useState(300);
  const [attempts, setAttempts] = useState("1, 2");
  const [times, setTimes] = useState(20);
  const [everyMs, setEveryMs] = useState(2);
  const [clients, setClients] = useState(50);
  const [atomic, setAtomic] = useState(false);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [instructorKey, setInstructorKey] = useState("");

  const pickUnit = (s: string) => {
    const u = units.find((x) => x.slug === s);
    setSlug(s);
    if (u) {
      setSource(u.program);
      setOpponent(u.opponent);
    }
  };

  const request = (): StartRaceInput => {
    const program = { unit: slug, source, opponent };
    switch (mode) {
      case "step":
        return { mode, ...program, idleSeconds };
      case "staged":
        return { mode, ...program, attempts: attempts.split(/[\s,]+/).filter(Boolean).map(Number) };
      case "live":
        return { mode, ...program, times, everyMs };
      case "crowd":
        return { mode, clients, atomic, key: "counter", increment: 1 };
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = request();
    const valid = startRaceSchema.safeParse(body);
    if (!valid.success) return setError(describeIssues(valid.error, { first: true }));
    setBusy(true);
    setError("");
    // The key travels with the request only; the server then remembers it in an HttpOnly cookie.
    const payload = askKey && instructorKey ? { ...body, instructorKey } : body;
    const res = await fetch("/api/runs", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(payload) }).catch(() => null);
    const data = ((await res?.json().catch(() => null)) ?? {}) as { runId?: string; error?: string };
    if (!res?.ok || !data.runId) {
      setBusy(false);
      return setError(data.error ?? "The server did not answer. Try again.");
    }
    router.push(`/race/${data.runId}`);
  };

  const isProgram = mode !== "crowd";
  return (
    <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-5 rounded-lg border border-slate-200 p-5 dark:border-slate-800" aria-labelledby="start-title" data-testid="race-form">
      <h2 id="start-title" className="text-xl font-semibold">
        Start a race
      </h2>
      <fieldset className="flex flex-col gap-2">
        <legend className="font-medium">Mode</legend>
        <div className="flex flex-wrap gap-4">
          {RACE_MODES.map((m) => (
            <label key={m} className="flex items-center gap-1.5">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} data-testid={`mode-${m}`} />
              {MODES[m].label}
            </label>
          ))}
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-400">{MODES[mode].hint}</p>
      </fieldset>

      {isProgram && (
        <>
          <label className="flex flex-col gap-1">
            <span className="font-medium">Program</span>
            <UnitSelect units={units} value={slug} onPick={pickUnit} testId="unit-select" />
          </label>
          <label className="flex flex-col gap-1">
            <span className="font-medium">Code (edit or paste; runs with the unit&apos;s setup)</span>
            <textarea className={`${FORM_FIELD} h-64 font-mono text-sm`} value={source} onChange={(e) => setSource(e.target.value)} spellCheck={false} data-testid="race-source" />
          </label>
          <fieldset className="flex flex-wrap items-end gap-3">
            <legend className="mb-1 font-medium">The other client writes</legend>
            <label className="flex flex-col gap-1 text-sm">
              Command
              <select className={FORM_FIELD} value={opponent.op} onChange={(e) => setOpponent({ ...opponent, op: e.target.value as Opponent["op"] })} data-testid="b-op">
                <option value="INCRBY">INCRBY key N</option>
                <option value="SET">SET key V</option>
              </select>
            </label>
            <label className="flex flex-col gap-1 text-sm">
              Key
              <input className={`${FORM_FIELD} font-mono`} value={opponent.key} onChange={(e) => setOpponent({ ...opponent, key: e.target.value })} data-testid="b-key" />
            </label>
            <label className="flex flex-col gap-1 text-sm">
              {opponent.op === "SET" ? "Value" : "N"}
              <input className={`${FORM_FIELD} w-28`} type="number" value={opponent.value} onChange={(e) => setOpponent({ ...opponent, value: Number(e.target.value) })} data-testid="b-value" />
            </label>
          </fieldset>
        </>
      )}

      {mode === "step" && (
        <label className="flex flex-col gap-1 text-sm">
          End the run if nobody steps it for (seconds)
          <input className={`${FORM_FIELD} w-28`} type="number" min={5} max={900} value={idleSeconds} onChange={(e) => setIdleSeconds(Number(e.target.value))} data-testid="idle-seconds" />
        </label>
      )}
      {mode === "staged" && (
        <label className="flex flex-col gap-1 text-sm">
          Conflict on attempts (comma-separated)
          <input className={`${FORM_FIELD} w-40`} value={attempts} onChange={(e) => setAttempts(e.target.value)} data-testid="staged-attempts" />
        </label>
      )}
      {mode === "live" && (
        <div className="flex flex-wrap gap-3">
          <label className="flex flex-col gap-1 text-sm">
            The other client writes N times
            <input className={`${FORM_FIELD} w-28`} type="number" min={1} max={500} value={times} onChange={(e) => setTimes(Number(e.target.value))} data-testid="live-times" />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            every T ms
            <input className={`${FORM_FIELD} w-28`} type="number" min={0} max={1000} value={everyMs} onChange={(e) => setEveryMs(Number(e.target.value))} data-testid="live-every" />
          </label>
        </div>
      )}
      {mode === "crowd" && (
        <div className="flex flex-wrap items-end gap-4">
          <label className="flex flex-col gap-1 text-sm">
            Clients K (1-{MAX_CROWD})
            <input className={`${FORM_FIELD} w-28`} type="number" min={1} max={MAX_CROWD} value={clients} onChange={(e) => setClients(Number(e.target.value))} data-testid="crowd-clients" />
          </label>
          <label className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" checked={atomic} onChange={(e) => setAtomic(e.target.checked)} data-testid="crowd-atomic" />
            Atomic INCRBY instead of WATCH (to compare)
          </label>
        </div>
      )}

      {askKey && (
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Instructor key</span>
          <span className="text-slate-600 dark:text-slate-400">Starting runs on this server needs the key; this browser remembers it afterwards.</span>
          <input
            className={`${FORM_FIELD} w-64`}
            type="password"
            autoComplete="current-password"
            value={instructorKey}
            onChange={(e) => setInstructorKey(e.target.value)}
            data-testid="instructor-key"
          />
        </label>
      )}
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" disabled={busy} data-testid="start-race">
          {busy ? "Starting..." : "Start the race"}
        </Button>
        <p role="alert" className="text-sm text-red-800 dark:text-red-300" data-testid="race-form-error">
          {error}
        </p>
      </div>
    </form>
  );
}
