/** A guest's bridge call as a schedule step shows it (the frontier): its command, or its whole batch. */
import type { CallMsg } from "../bridge/guest-args";
import type { GatedCall } from "./schedule";

/** Longest argument shown in a frontier entry; the trace shows the full (bounded) value once sent. */
const ARG_CHARS = 200;

const shown = (args: readonly unknown[] | undefined): string[] =>
  (args ?? []).map((a) => {
    const s = typeof a === "string" ? a : JSON.stringify(a) ?? String(a);
    return s.length > ARG_CHARS ? `${s.slice(0, ARG_CHARS)}...` : s;
  });

export function gatedCall(msg: CallMsg): GatedCall {
  const line = msg.l || null;
  const queue = msg.q;
  const isBatch = queue !== undefined && (msg.m === "pipeline" || msg.m === "exec" || msg.m === "discard");
  if (!isBatch) return { name: msg.m.toUpperCase(), args: shown(msg.a), line };
  const items = queue.map((q) => ({ name: q.m.toUpperCase(), args: shown(q.a) }));
  const batch = msg.m === "pipeline" ? items : [{ name: "MULTI", args: [] }, ...items, { name: msg.m.toUpperCase(), args: [] }];
  const first = batch[0] ?? { name: "PIPELINE", args: [] };
  return { ...first, line: msg.ml || line, batch };
}
