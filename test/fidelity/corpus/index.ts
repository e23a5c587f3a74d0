/** The differential corpus: every program the fidelity test runs in both worlds. */
import { LESSON_PROGRAMS } from "./lessons";
import { README_PROGRAMS } from "./readme";
import { TRANSACTION_PROGRAMS } from "./transactions";
import { CONSOLE_PROGRAMS } from "./console";
import { SURFACE_PROGRAMS } from "./surface";
import { REFUSED_PROGRAMS } from "./refused";
import type { CorpusProgram } from "./types";

/**
 * Known differences, by program: each is asserted to still differ (see fidelity.test.ts), so
 * the day a feature lands the test says which entries to drop from here.
 */
const PENDING: Record<string, string> = {
  "readme-multi-execabort": "EXECABORT's previousErrors need the bridge (issue 13 item 1)",
  "execabort-wrong-args": "EXECABORT's previousErrors need the bridge (issue 13 item 1)",
  "watch-inside-multi": "WATCH queued in multi() is refused instead of answered by Redis (issue 13 item 1)",
  "readme-pipeline-step": "pipeline() isn't offered yet (issue 13 item 1)",
  "readme-pipeline-chained": "pipeline() isn't offered yet (issue 13 item 1)",
  "readme-pipeline-array": "pipeline() isn't offered yet (issue 13 item 1)",
  "readme-pipeline-callbacks": "pipeline() isn't offered yet (issue 13 item 1)",
  "readme-inline-transaction": "pipeline() isn't offered yet (issue 13 item 1)",
  "readme-multi-no-pipeline": "multi({ pipeline: false }) needs the bridge (issue 13 item 1)",
};

export const CORPUS: CorpusProgram[] = [...LESSON_PROGRAMS, ...README_PROGRAMS, ...TRANSACTION_PROGRAMS, ...CONSOLE_PROGRAMS, ...SURFACE_PROGRAMS, ...REFUSED_PROGRAMS].map((p) =>
  PENDING[p.name] ? { ...p, pending: PENDING[p.name] } : p,
);

const names = new Set<string>();
for (const p of CORPUS) {
  if (names.has(p.name)) throw new Error(`two corpus programs are named ${p.name}`);
  names.add(p.name);
}
