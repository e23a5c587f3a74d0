/**
 * What a command costs Redis, judged from its final arguments before it is sent: the bounds on
 * its arguments, and the memory it can make Redis hold (HeldBytes). Server-only (Buffer).
 */
import { BOUNDS, type Refusal } from "./bounds";
import { keyPositions, storedPositions, type CommandSpec } from "./spec";

const bytes = (s: string) => Buffer.byteLength(s);

/** Writes the budget can take: the run's new total and the keys' new sizes. */
export interface Planned {
  total: number;
  sizes: Map<string, number>;
}

/** An integer argument as Redis reads it, or null when Redis would refuse it itself. */
function integer(s: string | undefined): number | null {
  if (s === undefined || !/^-?\d{1,20}$/.test(s.trim())) return null;
  return Number(s);
}

/** The first bound the command's arguments cross, or null. */
export function argumentRefusal(spec: CommandSpec, wire: readonly string[]): Refusal | null {
  if (wire.length > BOUNDS.argsPerCommand) return { bound: "args", limit: BOUNDS.argsPerCommand, actual: wire.length };
  for (const a of wire) {
    // A UTF-16 unit is at most 3 bytes of UTF-8: most arguments need no byte count at all.
    if (a.length * 3 > BOUNDS.valueBytes && bytes(a) > BOUNDS.valueBytes) return { bound: "value", limit: BOUNDS.valueBytes, actual: bytes(a) };
  }
  if (spec.sizeArg !== undefined && spec.cost.includes("offset") && spec.holds === "range") {
    // SETRANGE: Redis allocates the string up to offset + value length.
    const offset = integer(wire[spec.sizeArg]);
    const end = offset === null ? 0 : offset + bytes(wire[spec.sizeArg + 1] ?? "");
    if (end > BOUNDS.valueBytes) return { bound: "offset", limit: BOUNDS.valueBytes, actual: end };
  }
  if (spec.sizeArg !== undefined && spec.cost.includes("count")) {
    const count = integer(wire[spec.sizeArg]);
    if (count !== null && Math.abs(count) > BOUNDS.count) return { bound: "count", limit: BOUNDS.count, actual: Math.abs(count) };
  }
  return null;
}

/**
 * An upper bound of the bytes a run's writes make Redis hold, per key (learner names). Sizes
 * only grow: a delete or a smaller value is not credited, because a write that failed, or sat in
 * a transaction that was aborted, would otherwise free budget that Redis never freed.
 */
export class HeldBytes {
  private readonly sizes = new Map<string, number>();
  total = 0;

  /**
   * The run's total if these writes happen in order, and the new sizes to commit - or the first
   * write that crosses `limit` (bound "memory"), or that would grow a value past the value bound.
   */
  plan(writes: readonly { spec: CommandSpec; wire: readonly string[] }[], limit: number): Planned | { at: number; refusal: Refusal } {
    const next = new Map<string, number>();
    let total = this.total;
    const size = (k: string) => next.get(k) ?? this.sizes.get(k) ?? 0;
    const set = (k: string, n: number) => {
      total += n - size(k);
      next.set(k, n);
    };
    for (const [at, { spec, wire }] of writes.entries()) {
      const keys = keyPositions(spec.keys, wire.length).map((i) => wire[i]!);
      const stored = storedPositions(spec.stores, wire.length);
      const storedBytes = stored.reduce((n, i) => n + bytes(wire[i]!), 0);
      const fresh = (k: string) => size(k) || bytes(k) + BOUNDS.keyOverheadBytes;
      switch (spec.holds) {
        case "replace":
          if (spec.keys === "pairs") for (let i = 0; i < wire.length; i += 2) set(wire[i]!, Math.max(size(wire[i]!), bytes(wire[i]!) + bytes(wire[i + 1] ?? "") + BOUNDS.keyOverheadBytes));
          else for (const k of keys) set(k, Math.max(size(k), bytes(k) + storedBytes + BOUNDS.keyOverheadBytes));
          break;
        case "add":
          for (const k of keys) set(k, fresh(k) + storedBytes + stored.length * BOUNDS.entryOverheadBytes);
          break;
        case "append":
          for (const k of keys) {
            const grown = fresh(k) + storedBytes;
            const value = grown - bytes(k) - BOUNDS.keyOverheadBytes;
            if (value > BOUNDS.valueBytes) return { at, refusal: { bound: "value", limit: BOUNDS.valueBytes, actual: value } };
            set(k, grown);
          }
          break;
        case "range": {
          const end = (integer(wire[spec.sizeArg ?? 1]) ?? 0) + storedBytes;
          for (const k of keys) set(k, Math.max(size(k), bytes(k) + BOUNDS.keyOverheadBytes + end));
          break;
        }
        case "rename":
          if (keys[1] !== undefined) set(keys[1], Math.max(size(keys[1]), size(keys[0]!), bytes(keys[1]) + BOUNDS.keyOverheadBytes));
          break;
        case "move":
          if (keys[1] !== undefined) set(keys[1], fresh(keys[1]) + storedBytes + BOUNDS.entryOverheadBytes);
          break;
        default:
          break;
      }
      if (total > limit) return { at, refusal: { bound: "memory", limit, actual: total } };
    }
    return { total, sizes: next };
  }

  commit(planned: Planned): void {
    for (const [k, n] of planned.sizes) this.sizes.set(k, n);
    this.total = planned.total;
  }
}
