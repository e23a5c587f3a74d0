/**
 * Times on the timeline with their unit, short enough for the step column at any duration:
 * "0.5 ms", "999.9 ms", "11.05 s", "2.5 min". A bare number ("1046.6") hides its unit and,
 * clipped, its first digit.
 */
export function formatAt(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "0 ms";
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** The step column's two numbers, as one sentence for a tooltip. */
export function stepTitle(step: number, ms: number): string {
  return `Step ${step}, ${formatAt(ms)} after the run started`;
}
