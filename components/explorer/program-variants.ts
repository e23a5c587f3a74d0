/**
 * The explorer needs concurrency to be interesting: a unit program that calls its transaction
 * once (`await updateLikes(99, 15);`) is shown with that call made twice at once, each call on
 * its own connection, so the learner can interleave the two flows by hand.
 */

/** A top-level call of the program's own function: `await updateLikes(99, 15);` */
const SINGLE_CALL = /^await ([a-z][A-Za-z0-9_]*)\(([^()]*)\);[ \t]*$/m;

/** The program with its first top-level call made twice concurrently; null when it has none. */
export function twoConcurrentCalls(source: string): string | null {
  const m = SINGLE_CALL.exec(source);
  if (!m) return null;
  const [line, fn, args] = m;
  const call = `${fn}(${args})`;
  const both = `// Two calls at once, each with its own connection: you choose how they interleave.\nawait Promise.all([${call}, ${call}]);`;
  return source.replace(line, both);
}

/** What the explorer runs for a unit: its working program, made concurrent when it can be. */
export function explorerProgram(unit: { solution?: string; starter: string }): string {
  const base = unit.solution ?? unit.starter;
  return twoConcurrentCalls(base) ?? base;
}
