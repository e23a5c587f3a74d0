/**
 * A guest's command as ioredis will send it: its catalogue entry, its final argument list
 * (after ioredis's own argument transformers, see lib/commands/wire) and the keys among them -
 * what every bound, the trace and the conflict ledger look at.
 */
import { BOUNDS } from "../../commands/bounds";
import { commandSpec } from "../../commands/catalogue";
import type { CommandSpec } from "../../commands/spec";
import { finalArgs } from "../../commands/wire";
import { boundError } from "../limits/messages";
import type { RunBudget } from "../limits/run-budget";
import type { RunErrorInfo, RunLimits } from "../types";
import { fromGuest } from "./guest-args";
import type { RunConnection } from "./connections";

export interface Prepared {
  method: string;
  /** Upper-case, as in the trace. */
  name: string;
  spec: CommandSpec;
  /** The final arguments, flat strings: what is sent. */
  wire: string[];
  /** The arguments as the trace shows them. */
  shown: (string | number)[];
  keys: string[];
  line: number | null;
  /** Set when the guest passed more arguments than one command may have (nothing else is worked out then). */
  tooMany?: number;
}

/** The command as ioredis will send it, from what the guest (or the plan) passed. */
export function prepareCommand(method: string, args: readonly unknown[], line: number | null): Prepared {
  const spec = commandSpec(method);
  if (!spec) throw new Error(`not in the catalogue: ${method}`);
  const name = method.toUpperCase();
  // Arrays flatten one level into the final list: a huge one is refused before ioredis builds it.
  const atLeast = args.reduce<number>((n, a) => n + (Array.isArray(a) ? a.length : 1), 0);
  if (atLeast > BOUNDS.argsPerCommand) return { method, name, spec, wire: [], shown: [], keys: [], line, tooMany: atLeast };
  const { wire, shown, keyIndexes } = finalArgs(method, fromGuest(args));
  return { method, name, spec, wire, shown, keys: keyIndexes.map((i) => wire[i]!), line };
}

/** Books the commands one connection is about to send against the run's bounds; the refusal, if one is over. */
export function admitCommands(budget: RunBudget, limits: RunLimits, conn: RunConnection, commands: readonly Prepared[]): RunErrorInfo | null {
  const over = commands.find((c) => c.tooMany !== undefined);
  if (over) return boundError(over.method, { bound: "args", limit: BOUNDS.argsPerCommand, actual: over.tooMany! }, over.line, limits);
  return budget.admit(conn.id, commands);
}
