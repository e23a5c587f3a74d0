/**
 * The grader's concurrent calls as code: added after the learner's program so two (or more)
 * calls of the exercise's function run at once. The grader's "concurrent" scenario, its schedule
 * exploration and the race lab's explorer (lib/race/explore.ts) all add exactly this. No I/O.
 */
import type { UnitChecks } from "./checks-schema";

export function concurrentSuffix(checks: Pick<UnitChecks, "concurrentCalls">): string {
  // A leading semicolon keeps the learner's last line from running into ours.
  return `\n;await Promise.all([${checks.concurrentCalls.map((c) => c.text).join(", ")}]);\n`;
}

export function concurrentDescription(checks: Pick<UnitChecks, "concurrentCalls">): string {
  return `after your program, the grader calls ${checks.concurrentCalls.map((c) => c.text).join(" and ")} at the same time`;
}
