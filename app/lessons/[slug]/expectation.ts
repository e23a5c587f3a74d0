import type { UnitExpectation } from "@/lib/lessons/types";
import type { TraceValue } from "@/lib/trace/types";

/** Every expected line shows up in the output, in order (other lines may sit between). */
export function outputMatches(expectedLines: string[], output: string[]): boolean {
  const lines = output.flatMap((entry) => entry.split("\n")).map((l) => l.trim());
  let at = 0;
  for (const want of expectedLines) {
    const target = want.trim();
    while (at < lines.length && !(lines[at] ?? "").includes(target)) at += 1;
    if (at >= lines.length) return false;
    at += 1;
  }
  return true;
}

export function finalStateMatches(expected: Record<string, string>, actual: Record<string, TraceValue> | undefined): boolean {
  if (!actual) return Object.keys(expected).length === 0;
  return Object.entries(expected).every(([key, value]) => String(actual[key] ?? "") === value);
}

/** A quick "did you get there" used for progress ticks; the grader does the thorough checks. */
export function meetsExpectation(
  expected: UnitExpectation,
  output: string[],
  finalState: Record<string, TraceValue> | undefined,
): boolean {
  return outputMatches(expected.outputIncludes, output) && finalStateMatches(expected.finalState, finalState);
}
