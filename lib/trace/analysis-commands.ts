/**
 * Which commands write which keys, from the playground's command catalogue (lib/commands) - plain
 * data, so the timeline can use it in the browser without @ioredis/commands' 100 KB command JSON.
 */
import { commandSpec } from "../commands/catalogue";
import { keyPositions } from "../commands/spec";
import type { CommandEvent, TraceValue } from "./types";

export function isWriteCommand(name: string): boolean {
  return commandSpec(name)?.kind === "write";
}

/** A command that only looks at data (GET, MGET, EXISTS, HGET ...). */
export function isReadCommand(name: string): boolean {
  return commandSpec(name)?.kind === "read";
}

const keyText = (v: TraceValue | undefined): string | null =>
  typeof v === "string" || typeof v === "number" ? String(v) : null;

/** The keys a write command changes; [] for reads and control commands. */
export function writtenKeys(ev: Pick<CommandEvent, "name" | "args">): string[] {
  const spec = commandSpec(ev.name);
  if (spec?.kind !== "write") return [];
  return keyPositions(spec.keys, ev.args.length)
    .map((i) => keyText(ev.args[i]))
    .filter((k): k is string => k !== null);
}

/** One queued command's result inside a committed EXEC reply. */
export type ExecItem = { ok: true; value: TraceValue } | { ok: false; error: string };

/** The engine writes an Error inside an EXEC reply as `{ "error": "message" }`. */
function errorText(v: TraceValue | undefined): string | null {
  if (typeof v === "string") return v;
  if (v && typeof v === "object" && !Array.isArray(v) && typeof v.error === "string") return v.error;
  return null;
}

/**
 * ioredis resolves `exec()` to `[[err, result], ...]`: the engine records `[null, result]` for a
 * success and `[{ error }]` (the undefined result dropped) for a command that failed at EXEC.
 * A raw trace may carry plain results. Undefined when the reply has no i-th item.
 */
export function execItem(reply: TraceValue | undefined, i: number): ExecItem | undefined {
  if (!Array.isArray(reply) || i >= reply.length) return undefined;
  const item = reply[i]!;
  if (Array.isArray(item) && (item.length === 1 || item.length === 2)) {
    if (item[0] === null) return { ok: true, value: item[1] ?? null };
    const error = errorText(item[0]);
    if (error !== null) return { ok: false, error };
  }
  const error = errorText(item);
  if (error !== null && typeof item !== "string") return { ok: false, error };
  return { ok: true, value: item };
}

/** The result of the i-th queued command, or undefined when unknown or failed. */
export function execResult(reply: TraceValue | undefined, i: number): TraceValue | undefined {
  const item = execItem(reply, i);
  return item?.ok ? item.value : undefined;
}

/** Every item of a committed EXEC reply; [] when the reply is not an array. */
export function execItems(reply: TraceValue | undefined): ExecItem[] {
  if (!Array.isArray(reply)) return [];
  return reply.map((_, i) => execItem(reply, i)!);
}
