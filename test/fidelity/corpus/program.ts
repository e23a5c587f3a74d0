import { dedent } from "../../../lib/runner/test-support";
import type { CorpusProgram } from "./types";

/** A corpus entry whose source is written inline (dedented, so it can be indented in the list). */
export function program(p: Omit<CorpusProgram, "source" | "state"> & { state?: string[] }, source: string): CorpusProgram {
  return { state: [], ...p, source: dedent(source) };
}
