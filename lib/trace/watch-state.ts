/**
 * What Redis sees of WATCH at a point of a trace: per connection, the keys it watches and
 * whether each is still clean or was dirtied - by whom, at which seq. Whether a client's next
 * EXEC will commit follows from it: it aborts exactly when one of its watched keys is dirty.
 *
 * Read off the trace like Redis keeps it: WATCH adds keys; EXEC, DISCARD, UNWATCH and QUIT end
 * them; a successful write to a watched key dirties it - any client's, the watcher's own too
 * (Redis aborts that EXEC as well) - and so does a committed EXEC's queued write, at the EXEC.
 * A write that failed dirties nothing. (Redis also counts a write that changes nothing, e.g.
 * SET to the same value, and so does this.)
 */
import { writtenKeys } from "./analysis-commands";
import type { CommandEvent, Trace } from "./types";

export interface WatchEntry {
  client: string;
  key: string;
  /** Seq of the WATCH that added the key. */
  watchSeq: number;
  /** The write that dirtied it since, or null while it is clean. */
  dirtiedBy: { client: string; seq: number } | null;
}

/** The watch state after every event up to `uptoSeq` (default: the whole trace), in WATCH order. */
export function watchState(trace: Trace, uptoSeq = Infinity): WatchEntry[] {
  const byClient = new Map<string, WatchEntry[]>();
  const queued = new Map<string, CommandEvent[]>();
  const dirty = (keys: readonly string[], by: { client: string; seq: number }) => {
    for (const entries of byClient.values()) for (const w of entries) if (w.dirtiedBy === null && keys.includes(w.key)) w.dirtiedBy = by;
  };
  for (const ev of trace.events) {
    if (ev.seq > uptoSeq) break;
    if (ev.kind !== "command" || (ev.reply === undefined && ev.error === undefined && !ev.queued)) continue;
    const own = byClient.get(ev.client) ?? [];
    if (ev.queued) {
      queued.set(ev.client, [...(queued.get(ev.client) ?? []), ev]);
      continue;
    }
    if (ev.name === "WATCH" && ev.error === undefined) {
      for (const a of ev.args) {
        const key = String(a);
        if (!own.some((w) => w.key === key)) own.push({ client: ev.client, key, watchSeq: ev.seq, dirtiedBy: null });
      }
      byClient.set(ev.client, own);
    } else if (ev.name === "EXEC" || ev.name === "DISCARD") {
      const writes = queued.get(ev.client) ?? [];
      queued.delete(ev.client);
      byClient.delete(ev.client);
      if (ev.outcome === "committed") for (const q of writes) dirty(writtenKeys(q), { client: ev.client, seq: ev.seq });
    } else if (ev.name === "UNWATCH" || ev.name === "QUIT") {
      byClient.delete(ev.client);
      queued.delete(ev.client);
    } else if (ev.error === undefined) dirty(writtenKeys(ev), { client: ev.client, seq: ev.seq });
  }
  return [...byClient.values()].flat().sort((a, b) => a.watchSeq - b.watchSeq);
}
