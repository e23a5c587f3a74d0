/**
 * The final argument list of a command: exactly what ioredis sends, computed by ioredis itself.
 * The guest's arguments go through ioredis's own Command - one level of array flattening, the
 * argument transformers of mset/msetnx/hset/hmset (object and Map forms), then toArg on every
 * value - so bytes, keys, bounds and the trace all see what Redis will see. Server-only.
 */
import { Command } from "ioredis";
import { toArg } from "ioredis/built/utils/index.js";
import { getKeyIndexes } from "@ioredis/commands";

type CommandArgs = ConstructorParameters<typeof Command>[1];

/** ioredis's Command stopped before its values become strings: numbers are still numbers. */
class Unstringified extends Command {
  override stringifyArguments(): void {}
}

export interface FinalArgs {
  /** The arguments on the wire, before the run's key prefix: what Redis receives, as strings. */
  wire: string[];
  /** The same list for the trace: a number stays a number when that is exactly what was sent. */
  shown: (string | number)[];
  /** Positions of the keys in `wire`: ioredis prefixes exactly these (its keyPrefix). */
  keyIndexes: number[];
}

export function finalArgs(method: string, args: readonly unknown[]): FinalArgs {
  const before = new Unstringified(method, args as CommandArgs).args as unknown[];
  // What Command.stringifyArguments does to each value (the guest sends no Buffers).
  const wire = before.map((b) => (typeof b === "string" ? b : toArg(b)));
  const shown = wire.map((w, i) => {
    const b = before[i];
    return typeof b === "number" && String(b) === w ? b : w;
  });
  return { wire, shown, keyIndexes: keyIndexesOf(method, wire) };
}

/** The key positions ioredis computes for its keyPrefix, on the final arguments. */
export function keyIndexesOf(method: string, wire: readonly string[]): number[] {
  try {
    // Positions past the end (LMOVE with one argument) name no key: Redis refuses the command.
    return getKeyIndexes(method, wire as string[]).filter((i) => i < wire.length);
  } catch {
    return [];
  }
}
