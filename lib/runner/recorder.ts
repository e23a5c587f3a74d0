/**
 * Builds the trace of one run as the bridge observes it. Values are shown as the learner sees
 * them: the run's key prefix stripped, long strings and arrays shortened.
 */
import type { CommandEvent, EndEvent, RunStatus, Trace, TraceClient, TraceEvent, TraceValue } from "../trace/types";

const MAX_STRING = 200;
const MAX_ITEMS = 50;
const MAX_EVENTS = 20_000;

export class TraceRecorder {
  readonly clients: TraceClient[] = [];
  readonly events: TraceEvent[] = [];
  private seq = 0;
  private truncated = false;
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
    const ev: CommandEvent = { ...e, kind: "command", seq: ++this.seq, at: this.now(), args: e.args.map((a) => this.show(a)) };
    this.push(ev);
    return ev;
  }

  complete(ev: CommandEvent, result: { reply?: unknown; error?: string }, sentAt: number): void {
    if (result.error !== undefined) ev.error = this.strip(result.error);
    else ev.reply = this.show(result.reply);
    ev.durationMs = Math.round((performance.now() - sentAt) * 1000) / 1000;
    this.sink?.(ev);
  }

  console(level: "log" | "error" | "warn" | "info", text: string, line: number | null): void {
    this.emit({ kind: "console", seq: ++this.seq, at: this.now(), level, text: this.strip(text), line });
  }

  interference(text: string): void {
    this.emit({ kind: "interference", seq: ++this.seq, at: this.now(), text });
  }

  pause(client: string, name: string, args: unknown[], line: number | null): void {
    this.emit({ kind: "pause", seq: ++this.seq, at: this.now(), client, name, args: args.map((a) => this.show(a)), line });
  }

  end(status: RunStatus, message?: string): EndEvent {
    const ev: EndEvent = { kind: "end", seq: ++this.seq, at: this.now(), status, ...(message ? { message } : {}) };
    this.events.push(ev);
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

  show(v: unknown, depth = 0): TraceValue {
    if (v === null || v === undefined) return null;
    if (typeof v === "string") {
      const s = this.strip(v);
      return s.length > MAX_STRING ? `${s.slice(0, MAX_STRING)}... (${s.length} chars)` : s;
    }
    if (typeof v === "number" || typeof v === "boolean") return v;
    if (typeof v === "bigint") return v.toString();
    if (Buffer.isBuffer(v)) return this.show(v.toString("utf8"), depth);
    if (v instanceof Error) return { error: this.strip(v.message) };
    if (depth > 4) return "...";
    if (Array.isArray(v)) {
      const items = v.slice(0, MAX_ITEMS).map((x) => this.show(x, depth + 1));
      if (v.length > MAX_ITEMS) items.push(`... ${v.length - MAX_ITEMS} more`);
      return items;
    }
    if (typeof v === "object") {
      const out: Record<string, TraceValue> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>).slice(0, MAX_ITEMS)) out[this.strip(k)] = this.show(x, depth + 1);
      return out;
    }
    return String(v);
  }

  private emit(ev: TraceEvent): void {
    this.push(ev);
    this.sink?.(ev);
  }

  private push(ev: TraceEvent): void {
    if (this.events.length >= MAX_EVENTS) {
      this.truncated = true;
      return;
    }
    this.events.push(ev);
  }
}
