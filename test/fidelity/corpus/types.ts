/** One program of the differential corpus (see ../fidelity.test.ts). */
export interface CorpusProgram {
  /** Unique, short: names the test and the temporary file. */
  name: string;
  /** Where it comes from (the ioredis README, a unit's solution, an edge case). */
  origin: string;
  /** TypeScript as a learner writes it. */
  source: string;
  /** Run before the program in both worlds, like a unit's setup. */
  setup?: (string | number)[][];
  /** Lines that depend on real concurrency (their order or count varies run to run): not compared. */
  varies?: RegExp;
  /** Every key the program leaves behind: compared in both worlds, and no other key may exist. */
  state: string[];
  /**
   * The playground refuses this program on purpose: it must end with this error (Node is not
   * asked). `why` is the reason, for the list of deliberate refusals.
   */
  refusal?: { code: string; message: RegExp; why: string };
  /**
   * The program still behaves differently in the playground because a feature is missing: the
   * test asserts that it *does* differ, so the day it matches, the test says to move it into the
   * corpus proper. Never a skipped test.
   */
  pending?: string;
}
