import type { UnitKind } from "@/lib/lessons/types";

/** What the browser gets of a unit: no plans, no solution (that comes on request). */
export interface WorkbenchUnit {
  slug: string;
  kind: UnitKind;
  title: string;
  starter: string;
  hasSolution: boolean;
  /** Exercises are graded ("Check my code"); only a passing check marks them done. */
  graded: boolean;
  scenarios: { id: string; label: string; description: string }[];
  expectedFinal: Record<string, string>;
}
