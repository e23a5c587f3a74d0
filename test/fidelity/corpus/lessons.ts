/**
 * Every unit's own program (its solution, or the runnable example of a lesson/practice unit)
 * and every grader fixture that ends on its own, each with its unit's setup and keys.
 */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import type { CorpusProgram } from "./types";

const LESSONS = path.resolve("lessons");
const FIXTURES = path.resolve("lib/lessons/fixtures");

/** Fixtures that can't end the same way in both worlds, and why. */
const NOT_COMPARABLE: Record<string, string> = {
  "loops-forever": "loops until the playground's command limit; in Node it never ends",
  "syntax-error": "never runs: both refuse it before the first line, in their own words",
};

/** Lines whose order depends on real concurrency (unit 3 races a busy writer): left out of the comparison. */
const RACE_LINES = /^Attempt \d+: /;

type Unit = { setup?: (string | number)[][]; inspectKeys?: string[] };
const unitOf = (dir: string) => JSON.parse(readFileSync(path.join(LESSONS, dir, "unit.json"), "utf8")) as Unit;

function unitPrograms(): CorpusProgram[] {
  return readdirSync(LESSONS).map((dir) => {
    const unit = unitOf(dir);
    const file = existsSync(path.join(LESSONS, dir, "solution.ts")) ? "solution.ts" : "starter.ts";
    return {
      name: `unit-${dir}`,
      origin: `lessons/${dir}/${file}`,
      source: readFileSync(path.join(LESSONS, dir, file), "utf8"),
      setup: unit.setup,
      state: unit.inspectKeys ?? [],
      ...(dir === "03-score-race" ? { varies: RACE_LINES } : {}),
    };
  });
}

function fixturePrograms(): CorpusProgram[] {
  const units = readdirSync(LESSONS);
  return readdirSync(FIXTURES).flatMap((slug) => {
    const dir = units.find((u) => u.endsWith(slug));
    if (!dir) throw new Error(`fixtures/${slug} has no unit`);
    const unit = unitOf(dir);
    return readdirSync(path.join(FIXTURES, slug))
      .filter((f) => f.endsWith(".ts") && !NOT_COMPARABLE[f.slice(0, -3)])
      .map((f) => ({
        name: `fixture-${slug}-${f.slice(0, -3)}`,
        origin: `lib/lessons/fixtures/${slug}/${f}`,
        source: readFileSync(path.join(FIXTURES, slug, f), "utf8"),
        setup: unit.setup,
        state: unit.inspectKeys ?? [],
      }));
  });
}

export const LESSON_PROGRAMS: CorpusProgram[] = [...unitPrograms(), ...fixturePrograms()];
