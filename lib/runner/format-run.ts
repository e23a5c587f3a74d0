import type { RunResult } from "./types";
import type { TraceEvent, TraceValue } from "../trace/types";

const show = (v: TraceValue | undefined): string => (v === undefined ? "" : JSON.stringify(v));

function eventLine(e: TraceEvent): string {
  const at = `+${e.at.toFixed(1).padStart(7)}ms`;
  switch (e.kind) {
    case "command": {
      const where = e.line ? `line ${e.line}` : "plan";
      const cmd = [e.name, ...e.args.map((a) => show(a))].join(" ");
      const indent = e.queued ? "    " : "  ";
      const out = e.error !== undefined ? `ERR ${e.error}` : show(e.reply);
      const tag = e.outcome === "aborted" ? `  <- WatchError (aborted${e.conflict ? `: #${e.conflict} changed ${e.conflictKey}` : ""})` : e.outcome ? `  <- ${e.outcome}` : "";
      return `${at} #${String(e.seq).padEnd(4)} ${e.client} ${indent}${cmd} -> ${out}${tag}   (${where})`;
    }
    case "console":
      return `${at} #${String(e.seq).padEnd(4)} console: ${e.text}`;
    case "interference":
      return `${at} #${String(e.seq).padEnd(4)} ~ ${e.text}`;
    case "pause":
      return `${at} #${String(e.seq).padEnd(4)} ${e.client} paused before ${e.name}`;
    case "end":
      return `${at} #${String(e.seq).padEnd(4)} end: ${e.status}`;
  }
}

/** The CLI's human-readable view of a run: output, error, trace, timings. */
export function formatRun(r: RunResult): string {
  const lines: string[] = [];
  lines.push("Output:");
  lines.push(...(r.output.length ? r.output.map((l) => `  ${l}`) : ["  (nothing printed)"]));
  if (r.error) lines.push("", `Error (${r.error.code}${r.error.line ? `, line ${r.error.line}${r.error.column ? `:${r.error.column}` : ""}` : ""}):`, `  ${r.error.message}`);
  lines.push("", "Clients:", ...r.trace.clients.map((c) => `  ${c.id}: ${c.label}`));
  lines.push("", "Trace:", ...r.trace.events.map(eventLine));
  if (r.trace.truncated) lines.push("  (the trace was cut at its size limit: later events are not shown, the end is)");
  if (r.finalState) lines.push("", "Final state:", ...Object.entries(r.finalState).map(([k, v]) => `  ${k} = ${JSON.stringify(v)}`));
  const t = r.timings;
  lines.push("", `Status: ${r.status}  (total ${t.totalMs.toFixed(1)} ms, program ${t.programMs.toFixed(1)} ms, sandbox CPU ${t.cpuMs.toFixed(1)} ms)`);
  return lines.join("\n");
}
