/**
 * The final state of a run's inspected keys, read bounded: a string is read up to
 * STATE_STRING_CHARS (GETRANGE, with STRLEN for its real length) and a collection up to
 * STATE_ITEMS (LRANGE 0 N, ZRANGE 0 N, HSCAN/SSCAN pages), never whole, so a run that built a
 * huge value costs Redis and the host no more than a small one. What was left out is marked the
 * way the trace marks it ("... (N chars)", "... N more"); small values come back exactly as
 * Redis holds them.
 */
import type { ServiceRedis } from "../../redis/service-client";
import type { TraceValue } from "../../trace";

export const STATE_STRING_CHARS = 1000;
export const STATE_ITEMS = 50;
/** SCAN pages per hash or set: HSCAN/SSCAN may return empty pages, but never make us loop long. */
const SCAN_PAGES = 8;

/** One key's string read, as queued on the run's own connection at hand-back. */
export type StringRead = { type: string; value: string; length: number };

const cutString = (s: string, length: number) => (length > s.length ? `${s}... (${length} chars)` : s);

/**
 * Queues TYPE, STRLEN and a bounded GETRANGE for each key on a connection that is about to
 * write (the run's, at hand-back: its key prefix applies). Resolves to one read per key.
 */
export function queueStringReads(redis: ServiceRedis, keys: readonly string[]): Promise<(StringRead | Error)[]> {
  return Promise.all(
    keys.map((k) =>
      Promise.all([redis.type(k), redis.strlen(k).catch(() => 0), redis.getrange(k, 0, STATE_STRING_CHARS - 1).catch(() => "")]).then(
        ([type, length, value]) => ({ type: String(type), value: String(value), length: Number(length) }),
        (e: Error) => e,
      ),
    ),
  );
}

/**
 * The final state of `keys` (learner names). String reads that came with the connection
 * hand-back (`early`) are used as they are; every other key is read on the service connection.
 */
export async function readFinalState(service: ServiceRedis, prefix: string, keys: readonly string[], early: (StringRead | Error)[] | undefined): Promise<Record<string, TraceValue>> {
  const out: Record<string, TraceValue> = {};
  if (keys.length === 0) return out;
  const reads = early ?? (await queueStringReads(service, keys.map((k) => prefix + k)));
  for (const [i, k] of keys.entries()) {
    const r = reads[i];
    if (r && !(r instanceof Error) && (r.type === "string" || r.type === "none")) out[k] = r.type === "none" ? null : cutString(r.value, r.length);
    else out[k] = await readOther(service, prefix + k);
  }
  return out;
}

/** A key of another type (or one whose early read failed), read with its own bounded command. */
async function readOther(service: ServiceRedis, key: string): Promise<TraceValue> {
  const type = await service.type(key);
  if (type === "none") return null;
  if (type === "string") {
    const [r] = await queueStringReads(service, [key]);
    return r && !(r instanceof Error) ? cutString(r.value, r.length) : null;
  }
  if (type === "list") {
    const [items, len] = await Promise.all([service.lrange(key, 0, STATE_ITEMS - 1), service.llen(key)]);
    return more(items, len - items.length);
  }
  if (type === "zset") {
    const [flat, len] = await Promise.all([service.zrange(key, "0", String(STATE_ITEMS - 1), "WITHSCORES"), service.zcard(key)]);
    return more(flat, len - flat.length / 2);
  }
  if (type === "set") {
    const len = await service.scard(key);
    // SSCAN may repeat a member across pages.
    const members = len <= STATE_ITEMS ? await service.smembers(key) : [...new Set(await scanned((c) => service.sscan(key, c, "COUNT", STATE_ITEMS), len))];
    return more(members.sort(), len - members.length);
  }
  if (type === "hash") {
    const len = await service.hlen(key);
    const flat = await scanned((c) => service.hscan(key, c, "COUNT", STATE_ITEMS), len * 2, STATE_ITEMS * 2);
    const out: Record<string, TraceValue> = {};
    for (let i = 0; i + 1 < flat.length && Object.keys(out).length < STATE_ITEMS; i += 2) out[flat[i]!] = cutString(flat[i + 1]!.slice(0, STATE_STRING_CHARS), flat[i + 1]!.length);
    const kept = Object.keys(out).length;
    if (len > kept) out["..."] = `${len - kept} more`;
    return out;
  }
  return `(${type})`;
}

/** Items read by SCAN-like pages, at most `max` (default STATE_ITEMS) and SCAN_PAGES pages. */
async function scanned(page: (cursor: string) => Promise<[string, string[]]>, total: number, max = STATE_ITEMS): Promise<string[]> {
  const out: string[] = [];
  let cursor = "0";
  for (let i = 0; i < SCAN_PAGES && out.length < Math.min(max, total); i++) {
    const [next, items] = await page(cursor);
    out.push(...items);
    cursor = next;
    if (cursor === "0") break;
  }
  return out.slice(0, max);
}

/** A collection's first items, plus a "... N more" marker when `missing` were left out. */
function more(items: string[], missing: number): TraceValue[] {
  const shown: TraceValue[] = items.map((s) => cutString(s.slice(0, STATE_STRING_CHARS), s.length));
  if (missing > 0) shown.push(`... ${missing} more`);
  return shown;
}
