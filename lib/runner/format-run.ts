import type { RunResult } from "./types";
import { traceToText } from "../trace";

/** The CLI's human-readable view of a run: output, error, trace, timings. */
export function formatRun(r: RunResult): string {
  const lines: string[] = [];
  lines.push("Output:");
  lines.push(...(r.output.length ? r.output.map((l) => `  ${l}`) : ["  (nothing printed)"]));
  if (r.error) lines.push("", `Error (${r.error.code}${r.error.line ? `, line ${r.error.line}${r.error.column ? `:${r.error.column}` : ""}` : ""}):`, `  ${r.error.message}`);
  lines.push("", "Clients:", ...r.trace.clients.map((c) => `  ${c.id}: ${c.label}`));
  // The same text as the timeline's export (MONITOR-shaped, with replies), so both read alike.
  lines.push("", "Trace:", ...traceToText(r.trace, { replies: true }).trimEnd().split("\n").map((l) => `  ${l}`));
  if (r.finalState) lines.push("", "Final state:", ...Object.entries(r.finalState).map(([k, v]) => `  ${k} = ${JSON.stringify(v)}`));
  const t = r.timings;
  lines.push("", `Status: ${r.status}  (total ${t.totalMs.toFixed(1)} ms, program ${t.programMs.toFixed(1)} ms, sandbox CPU ${t.cpuMs.toFixed(1)} ms)`);
  return lines.join("\n");
}
