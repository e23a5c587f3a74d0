import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { closeWorkerPool } from "../runner/index";
import { afterAll } from "vitest";
import { gradeSubmission } from "./grade";
import type { GradeResult } from "./grade-types";
import { loadChecks } from "./grading/checks-loader";
import { checksFileSchema } from "./grading/checks-schema";
import { valueCheck } from "./grading/lost-update";
import { loadCourse } from "./loader";

const course = loadCourse();
const FIXTURES = path.join(__dirname, "fixtures");

afterAll(() => closeWorkerPool());

interface Expected {
  status: GradeResult["status"];
  mentions?: string[];
}

const fixtures = fs.readdirSync(FIXTURES).flatMap((slug) => {
  const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, slug, "expected.json"), "utf8")) as Record<string, Expected>;
  const files = fs.readdirSync(path.join(FIXTURES, slug)).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3));
  return files.map((name) => ({ slug, name, expected: expected[name], source: fs.readFileSync(path.join(FIXTURES, slug, `${name}.ts`), "utf8") }));
});

/** Everything a learner would read about the result, to look for the expected words in. */
function text(g: GradeResult): string {
  return [g.error?.message ?? "", ...g.tests.filter((t) => t.status !== "pass").map((t) => t.message)].join("\n");
}

// One grade is five runs; fixtures go out together so the suite costs a few seconds of Redis time.
describe.concurrent("grading fixtures", () => {
  it("every fixture file has an expected verdict and every verdict a file", () => {
    for (const slug of fs.readdirSync(FIXTURES)) {
      const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, slug, "expected.json"), "utf8")) as Record<string, Expected>;
      const names = fixtures.filter((f) => f.slug === slug).map((f) => f.name).sort();
      expect(Object.keys(expected).sort(), slug).toEqual(names);
      expect(course.some((u) => u.slug === slug), `${slug} is a unit`).toBe(true);
    }
  });

  for (const f of fixtures) {
    it(`${f.slug}/${f.name} -> ${f.expected?.status}`, async () => {
      const unit = course.find((u) => u.slug === f.slug)!;
      const g = await gradeSubmission(unit, f.source);
      const why = JSON.stringify({ status: g.status, error: g.error, tests: g.tests.map(({ trace: _, ...t }) => t) }, null, 1);
      expect(g.status, why).toBe(f.expected!.status);
      for (const word of f.expected!.mentions ?? []) expect(text(g), why).toContain(word);
      if (g.status === "fail") expect(g.tests.find((t) => t.status === "fail")?.trace?.events.length).toBeGreaterThan(0);
    });
  }
});

describe.concurrent("every starter fails and every solution passes", () => {
  for (const unit of course.filter((u) => loadChecks(u.slug) !== null)) {
    it(`unit ${unit.order} (${unit.slug})`, async () => {
      const [starter, solution] = await Promise.all([gradeSubmission(unit, unit.starter), gradeSubmission(unit, unit.solution!)]);
      expect(starter.status).toBe("fail");
      expect(solution.status, JSON.stringify(solution.tests.filter((t) => t.status !== "pass").map((t) => t.message))).toBe("pass");
      expect(solution.tests.length).toBeGreaterThanOrEqual(6);
      expect(solution).toMatchObject({ version: 1, unit: unit.slug });
    });
  }
});

describe("checks content", () => {
  it("every exercise has checks, and they add up to the unit's expected final state", () => {
    for (const unit of course.filter((u) => u.kind === "exercise")) {
      const checks = loadChecks(unit.slug);
      expect(checks, unit.slug).not.toBeNull();
      const finalState = Object.fromEntries(checks!.keys.map((k) => [k, unit.expected.finalState[k] ?? null]));
      const run = { scenario: { extraDelta: new Map<string, number>() }, result: { trace: { version: 1, clients: [], events: [], truncated: false }, finalState } };
      for (const key of checks!.keys) {
        const v = valueCheck(unit, checks!, run as never, key)!;
        expect(String(v.expected), `${unit.slug} ${key}`).toBe(unit.expected.finalState[key]);
      }
    }
  });

  it("rejects a checks.json whose calls do not fit the function", () => {
    const bad = checksFileSchema.safeParse({
      function: { name: "f", params: ["id", "by"], key: "k:{user}", delta: "amount" },
      calls: [{ args: [1] }],
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["function.delta", "function.key", "calls.0.args"]));
  });

  it("a unit without checks is graded on its output and final state only", async () => {
    const unit = course.find((u) => u.order === 2)!;
    const g = await gradeSubmission(unit, unit.starter);
    expect(g.status).toBe("pass");
    expect(g.tests.map((t) => t.name)).toEqual(["Prints the expected lines", "Ends with the expected values in Redis"]);
  });
});
