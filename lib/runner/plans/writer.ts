import type { InterferencePlan, PlanWrite } from "./schema";

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Writer plan: B sends its write `times` times, `everyMs` apart, while the run goes on. */
export async function runWriter(
  plan: Extract<InterferencePlan, { kind: "writer" }>,
  run: { ready: Promise<unknown>; stopped(): boolean },
  write: (w: PlanWrite, why: string) => Promise<void>,
): Promise<void> {
  await run.ready;
  if (plan.startAfterMs) await delay(plan.startAfterMs);
  for (let i = 1; i <= plan.times && !run.stopped(); i++) {
    await write(plan.write, `write ${i} of ${plan.times}`);
    if (i < plan.times) await delay(plan.everyMs);
  }
}
