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
const PENDING: Record<string, string> = {};

export const CORPUS: CorpusProgram[] = [...LESSON_PROGRAMS, ...README_PROGRAMS, ...TRANSACTION_PROGRAMS, ...CONSOLE_PROGRAMS, ...SURFACE_PROGRAMS, ...REFUSED_PROGRAMS].map((p) =>
  PENDING[p.name] ? { ...p, pending: PENDING[p.name] } : p,
);

const names = new Set<string>();
for (const p of CORPUS) {
  if (names.has(p.name)) throw new Error(`two corpus programs are named ${p.name}`);
  names.add(p.name);
}
