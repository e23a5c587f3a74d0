import type { RunConnection } from "../bridge/connections";
import type { InterferencePlan, PlanWrite } from "./schema";

/**
 * The write a conflict plan makes B send after A's connection read `keys` on `attempt`: on the
 * plan's attempts, when one of the keys is watched there. Default: INCRBY <that key> 1.
 */
export function conflictWrite(
  plan: Extract<InterferencePlan, { kind: "conflict" }>,
  attempt: number,
  conn: RunConnection,
  keys: readonly string[],
): { write: PlanWrite; key: string } | undefined {
  if (!plan.attempts.includes(attempt)) return undefined;
  const key = keys.find((k) => conn.watched.has(k));
  if (key === undefined) return undefined;
  return { write: plan.write ?? { name: "INCRBY", args: [key, 1] }, key };
}
