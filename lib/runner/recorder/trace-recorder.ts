/**
 * Builds the trace of one run as the bridge observes it. Values are shown as the learner sees
 * them: the run's key prefix stripped, long strings and arrays shortened.
 *
 * Everything kept is bounded, whatever the program does: arguments per event, characters per
 * shown value (nested replies included), events per trace and characters of JSON per trace. A
 * run that passes a trace bound keeps its first events and its end, and is marked `truncated`;
 * the live stream (`sink`) carries exactly the events the trace kept.
 */
import type { CommandEvent, EndEvent, RunStatus, Trace, TraceClient, TraceEvent, TraceValue } from "../../trace";

const MAX_STRING = 200;
const MAX_ITEMS = 50;
const MAX_DEPTH = 4;
/** Arguments kept per event; the rest become one "... N more" marker. */
export const MAX_EVENT_ARGS = 20;
/** Characters one shown value (an argument, a reply) may take across all its nested parts. */
export const MAX_VALUE_CHARS = 4000;
/** Characters of one console line in the trace (the run's output keeps the whole line). */
const MAX_TEXT = 2000;
/**
 * Events kept per trace. A race-lab crowd run (50 clients retrying on one key) makes 4,700-5,500
 * events, at most ~6,400 (every client retrying until all others committed); the timeline
 * renders 5,000 in well under a second (npm run bench:render, scripts/bench-render.ts).
 */
export const MAX_TRACE_EVENTS = 8000;
/**
 * Characters of JSON the kept events may take together. A crowd run measured 750-860 K; with
 * the output and final state the whole result stays under RESULT_MAX_BYTES (bound-result.ts).
 */
export const MAX_TRACE_CHARS = 950_000;
/** Kept when a reply arrives after the trace's budget is spent. */
const REPLY_NOT_KEPT = "... (not kept: the trace is full)";

/** What is still left of one value's character budget while it is being shown. */
interface Budget {
  left: number;
}

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, Math.max(0, max))}... (${s.length} chars)` : s);

export class TraceRecorder {
  readonly clients: TraceClient[] = [];
  readonly events: TraceEvent[] = [];
  private seq = 0;
  /** The seq of the last event given one (0 before the first). */
  get lastSeq(): number {
    return this.seq;
  }
  private truncated = false;
  /** JSON characters of the kept events so far. */
  private chars = 0;
  /** Events given a seq but not kept (past a trace bound): never streamed either. */
  private readonly dropped = new WeakSet<TraceEvent>();
  private readonly t0 = performance.now();

  constructor(
    private readonly prefix: string,
    /** Called once per event when it is complete (commands: when their reply arrived). */
    private readonly sink?: (e: TraceEvent) => void,
  ) {}

  now(): number {
    return Math.round((performance.now() - this.t0) * 1000) / 1000;
  }

  addClient(origin: TraceClient["origin"], label: string): TraceClient {
    const id = String.fromCharCode(65 + (this.clients.length % 26)) + (this.clients.length >= 26 ? String(Math.floor(this.clients.length / 26)) : "");
    const c: TraceClient = { id, label, origin };
    this.clients.push(c);
    return c;
  }

  /** Records a command when it is sent; fill in reply/error with `complete`. */
  command(e: Omit<CommandEvent, "seq" | "at" | "kind" | "args"> & { args: unknown[] }): CommandEvent {
    const ev: CommandEvent = { ...e, kind: "command", seq: ++this.seq, at: this.now(), args: this.showArgs(e.args) };
    this.push(ev);
    return ev;
  }

  complete(ev: CommandEvent, result: { reply?: unknown; error?: string }, sentAt: number): void {
    ev.durationMs = Math.round((performance.now() - sentAt) * 1000) / 1000;
    if (this.dropped.has(ev)) return;
    // Set by the session just before, from the learner's own key name.
    if (ev.conflictKey !== undefined) ev.conflictKey = cut(ev.conflictKey, MAX_STRING);
    if (result.error !== undefined) ev.error = cut(this.strip(result.error), MAX_TEXT);
    else ev.reply = this.show(result.reply);
    // The event was counted when sent; its reply (or error) is counted now, or not kept.
    const added = JSON.stringify(ev.error ?? ev.reply ?? null).length + 30;
    if (this.chars + added > MAX_TRACE_CHARS) {
      this.truncated = true;
      if (ev.error !== undefined) ev.error = REPLY_NOT_KEPT;
      else ev.reply = REPLY_NOT_KEPT;
      this.chars += REPLY_NOT_KEPT.length + 30;
    } else this.chars += added;
    this.sink?.(ev);
  }

  console(level: "log" | "error" | "warn" | "info", text: string, line: number | null): void {
    this.emit({ kind: "console", seq: ++this.seq, at: this.now(), level, text: cut(this.strip(text), MAX_TEXT), line });
  }

  interference(text: string): void {
    this.emit({ kind: "interference", seq: ++this.seq, at: this.now(), text: cut(text, MAX_TEXT) });
  }

  pause(client: string, name: string, args: unknown[], line: number | null): void {
    this.emit({ kind: "pause", seq: ++this.seq, at: this.now(), client, name, args: this.showArgs(args), line });
  }

  end(status: RunStatus, message?: string): EndEvent {
    const ev: EndEvent = { kind: "end", seq: ++this.seq, at: this.now(), status, ...(message ? { message } : {}) };
    this.push(ev);
    this.sink?.(ev);
    return ev;
  }

  trace(): Trace {
    return { version: 1, clients: this.clients, events: this.events, truncated: this.truncated };
  }

  /** Removes the run's key prefix wherever it appears (replies, errors). */
  strip(s: string): string {
    return s.includes(this.prefix) ? s.split(this.prefix).join("") : s;
  }

  /** A value as the learner sees it, within MAX_VALUE_CHARS (or the budget it shares). */
  show(v: unknown, budget: Budget = { left: MAX_VALUE_CHARS }, depth = 0): TraceValue {
    if (v === null || v === undefined) return null;
    if (typeof v === "string") {
      const s = cut(this.strip(v), Math.min(MAX_STRING, budget.left));
      budget.left -= s.length;
      return s;
    }
    if (typeof v === "number" || typeof v === "boolean") return v;
    if (typeof v === "bigint") return v.toString();
    if (Buffer.isBuffer(v)) return this.show(v.toString("utf8", 0, MAX_STRING * 4), budget, depth);
    if (v instanceof Error) return { error: cut(this.strip(v.message), Math.min(MAX_STRING, Math.max(0, budget.left))) };
    if (depth > MAX_DEPTH) return "...";
    if (Array.isArray(v)) {
      const items: TraceValue[] = [];
      for (const x of v) {
        if (items.length >= MAX_ITEMS || budget.left <= 0) break;
        items.push(this.show(x, budget, depth + 1));
      }
      if (v.length > items.length) items.push(`... ${v.length - items.length} more`);
      return items;
    }
    if (typeof v === "object") {
      const out: Record<string, TraceValue> = {};
      let kept = 0;
      let total = 0;
      // for..in, not Object.entries: a reply with a million fields is never copied whole.
      for (const k in v as Record<string, unknown>) {
        total++;
        if (kept >= MAX_ITEMS || budget.left <= 0) continue;
        const name = cut(this.strip(k), MAX_STRING);
        budget.left -= name.length;
        out[name] = this.show((v as Record<string, unknown>)[k], budget, depth + 1);
        kept++;
      }
      if (total > kept) out["..."] = `${total - kept} more`;
      return out;
    }
    return String(v);
  }

  /** The first MAX_EVENT_ARGS arguments, sharing one budget, then a marker for the rest. */
  private showArgs(args: readonly unknown[]): TraceValue[] {
    const budget: Budget = { left: MAX_VALUE_CHARS };
    const out: TraceValue[] = [];
    for (const a of args) {
      if (out.length >= MAX_EVENT_ARGS || budget.left <= 0) break;
      out.push(this.show(a, budget));
    }
    if (args.length > out.length) out.push(`... ${args.length - out.length} more`);
    return out;
  }

  private emit(ev: TraceEvent): void {
    if (this.push(ev)) this.sink?.(ev);
  }

  /** Keeps the event unless a trace bound is reached; the end event is always kept. */
  private push(ev: TraceEvent): boolean {
    // Once anything was dropped, everything after it is too: the trace is a prefix of the run.
    const full = ev.kind !== "end" && (this.truncated || this.events.length >= MAX_TRACE_EVENTS - 1);
    const size = full ? 0 : JSON.stringify(ev).length;
    if (full || (ev.kind !== "end" && this.chars + size > MAX_TRACE_CHARS)) {
      this.truncated = true;
      this.dropped.add(ev);
      return false;
    }
    this.chars += size;
    this.events.push(ev);
    return true;
  }
}
