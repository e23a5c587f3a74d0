/**
 * "No update lost": the key's final value must be its setup value plus every update that
 * should have been saved - the program's calls, the calls the grader added and the staged
 * client's writes, read off the trace.
 */
import type { UnitChecks } from "./checks-schema";
import { allFindings, type Finding } from "./mistakes";
import { setupValue, type ScenarioRun } from "./scenarios";
import { planWrites } from "./trace-queries";
import type { Unit } from "../types";

export interface ValueCheck {
  key: string;
  expected: number;
  actual: string | null;
  /** "100 before your program + 100 from updateBalance(1, 100) + 1 from the other client (#4)" */
  breakdown: string;
  /** What is missing, when it matches one known update. */
  lost: string | null;
}

export function valueCheck(unit: Unit, checks: UnitChecks, run: ScenarioRun, key: string): ValueCheck | null {
  const plan = planWrites(run.result.trace, key);
  if (!plan.known) return null;
  const start = setupValue(unit, key);
  const calls = checks.calls.filter((c) => c.key === key && !c.rejected);
  const extra = run.scenario.extraDelta.get(key) ?? 0;
  const expected = start + calls.reduce((s, c) => s + c.delta, 0) + extra + plan.total;
  const raw = run.result.finalState?.[key];
  const actual = raw === undefined || raw === null ? null : String(raw);

  const parts = [`${start} before your program`, ...calls.map((c) => `${signed(c.delta)} from ${c.text}`)];
  for (const c of checks.concurrentCalls) if (extra !== 0 && c.key === key) parts.push(`${signed(c.delta)} from the grader's ${c.text}`);
  if (plan.seqs.length > 0) parts.push(`${signed(plan.total)} from the other client (${plan.seqs.map((s) => `#${s}`).join(", ")})`);

  const missing = expected - Number(actual ?? 0);
  let lost: string | null = null;
  if (plan.total !== 0 && missing === plan.total) lost = "the other client's write was lost: your EXEC overwrote it with a value computed before it";
  else {
    const call = [...calls, ...(extra !== 0 ? checks.concurrentCalls.filter((c) => c.key === key) : [])].find((c) => c.delta === missing);
    if (call) lost = `the update of ${call.text} was lost`;
  }
  return { key, expected, actual, breakdown: parts.join(" "), lost };
}

/** A failure message when the key did not end where every update adds up to, else null. */
export function lostUpdateMessage(unit: Unit, checks: UnitChecks, run: ScenarioRun, keys: string[]): string | null {
  for (const key of keys) {
    const v = valueCheck(unit, checks, run, key);
    if (!v || v.actual === String(v.expected)) continue;
    const cause: Finding | undefined = allFindings(run.result.trace, key)[0];
    return [
      `${key} ended at ${v.actual ?? "(missing)"}, but it should be ${v.expected}: ${v.breakdown}.`,
      v.lost ? `So ${v.lost} (a lost update).` : "So an update was lost or applied twice.",
      cause ? `Cause: ${cause.message}` : "",
    ]
      .filter(Boolean)
      .join(" ");
  }
  return null;
}

function signed(n: number): string {
  return n < 0 ? `- ${-n}` : `+ ${n}`;
}
