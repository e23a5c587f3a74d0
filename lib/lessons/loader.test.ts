import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearCourseCache, loadCourse, loadUnit } from "./loader";

const COURSE = path.join(__dirname, "..", "..", "lessons");

describe("the real course", () => {
  it("loads six units in order with the right kinds", () => {
    const units = loadCourse(COURSE);
    expect(units.map((u) => [u.order, u.slug, u.kind])).toEqual([
      [1, "watch-basics", "lesson"],
      [2, "observe-balance", "practice"],
      [3, "score-race", "practice"],
      [4, "abort-negative", "exercise"],
      [5, "update-likes", "exercise"],
      [6, "update-points", "exercise"],
    ]);
  });

  it("has a solution exactly for exercises, hints for exercises, scenarios for practice units", () => {
    for (const unit of loadCourse(COURSE)) {
      const exercise = unit.kind === "exercise";
      expect(unit.solution !== undefined, unit.slug).toBe(exercise);
      expect(unit.hints.length > 0, unit.slug).toBe(exercise);
      expect(unit.scenarios.length > 0, unit.slug).toBe(unit.kind === "practice");
      expect(unit.starter, unit.slug).toContain('import Redis from "ioredis"');
    }
  });

  it("keeps the course facts", () => {
    const state = Object.fromEntries(loadCourse(COURSE).map((u) => [u.slug, u.expected.finalState]));
    expect(state).toEqual({
      "watch-basics": { "balance:1": "150" },
      "observe-balance": { "balance:1": "150" },
      "score-race": { "score:1": "2651" },
      "abort-negative": { "balance:1": "200", "balance:15": "80" },
      "update-likes": { "likes:99": "165" },
      "update-points": { "points:2": "230" },
    });
  });

  it("keeps host details out of the learner-facing text", () => {
    for (const unit of loadCourse(COURSE)) {
      for (const text of [unit.prose, unit.starter, unit.solution ?? ""]) {
        expect(text, unit.slug).not.toMatch(/\{r:|\/work\/|process\.|require\(/);
      }
    }
  });

  it("finds a unit by slug and caches the course", () => {
    expect(loadUnit("score-race", COURSE)?.order).toBe(3);
    expect(loadUnit("nope", COURSE)).toBeUndefined();
    expect(loadCourse(COURSE)).toBe(loadCourse(COURSE));
  });
});

describe("broken content", () => {
  let root: string;
  let dir: string;

  const unitJson = (kind: string, extra: Record<string, unknown> = {}) => ({
    title: "T",
    kind,
    summary: "S",
    setup: [["SET", "k", "1"]],
    inspectKeys: ["k"],
    expected: { outputIncludes: ["k: 2"], finalState: { k: "2" } },
    scenarios: [],
    hints: [],
    ...extra,
  });

  function writeUnit(folder: string, files: Record<string, string | object>) {
    fs.mkdirSync(path.join(dir, folder), { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      const text = typeof content === "string" ? content : JSON.stringify(content);
      fs.writeFileSync(path.join(dir, folder, name), text);
    }
  }

  const lesson = (kind = "lesson", extra: Record<string, unknown> = {}) => ({
    "unit.json": unitJson(kind, extra),
    "lesson.md": "# Hello",
    "starter.ts": "console.log(1);\n",
  });
  const exercise = () => ({ ...lesson("exercise"), "solution.ts": "console.log(2);\n" });

  beforeEach(() => {
    clearCourseCache();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "course-"));
    dir = path.join(root, "lessons");
    fs.mkdirSync(dir);
  });
  afterEach(() => {
    clearCourseCache();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("loads a valid temp course", () => {
    writeUnit("02-second", exercise());
    writeUnit("01-first", lesson());
    expect(loadCourse(dir).map((u) => u.slug)).toEqual(["first", "second"]);
  });

  it.each<[string, () => void, RegExp]>([
    [
      "missing lesson.md",
      () => writeUnit("01-intro", { "unit.json": unitJson("lesson"), "starter.ts": "x" }),
      /^lessons\/01-intro: lesson\.md is missing$/,
    ],
    [
      "missing unit.json",
      () => writeUnit("01-intro", { "lesson.md": "# x", "starter.ts": "x" }),
      /^lessons\/01-intro: unit\.json is missing$/,
    ],
    [
      "invalid JSON",
      () => writeUnit("01-intro", { ...lesson(), "unit.json": "{ nope" }),
      /^lessons\/01-intro: unit\.json: invalid JSON/,
    ],
    [
      "a bad kind",
      () => writeUnit("01-intro", lesson("quiz")),
      /^lessons\/01-intro: unit\.json: kind: .*"lesson"/,
    ],
    [
      "an unknown key",
      () => writeUnit("01-intro", lesson("lesson", { tittle: "typo" })),
      /^lessons\/01-intro: unit\.json: .*tittle/,
    ],
    [
      "a solution on a lesson",
      () => writeUnit("01-intro", { ...lesson(), "solution.ts": "y" }),
      /^lessons\/01-intro: solution\.ts is only allowed in exercises/,
    ],
    [
      "an exercise without a solution",
      () => writeUnit("01-task", lesson("exercise")),
      /^lessons\/01-task: solution\.ts is missing/,
    ],
    [
      "a solution identical to the starter",
      () => writeUnit("01-task", { ...exercise(), "solution.ts": "console.log(1);  \n\n" }),
      /^lessons\/01-task: solution\.ts is identical to starter\.ts$/,
    ],
    [
      "a duplicate order",
      () => {
        writeUnit("01-alpha", lesson());
        writeUnit("01-beta", lesson());
      },
      /^lessons\/01-beta: order 1 is already used by lessons\/01-alpha$/,
    ],
    [
      "a duplicate slug",
      () => {
        writeUnit("01-same", lesson());
        writeUnit("02-same", lesson());
      },
      /^lessons\/02-same: slug "same" is already used by lessons\/01-same$/,
    ],
    [
      "a bad plan kind",
      () => writeUnit("01-intro", lesson("practice", { scenarios: [scenario({ kind: "chaos" })] })),
      /^lessons\/01-intro: unit\.json: scenarios\.0\.plan\.kind: /,
    ],
    [
      "a plan missing a field",
      () =>
        writeUnit("01-intro", lesson("practice", {
          scenarios: [scenario({ kind: "writer", write: { name: "INCRBY", args: ["k", 1] }, times: 5 })],
        })),
      /^lessons\/01-intro: unit\.json: scenarios\.0\.plan\.everyMs: /,
    ],
    [
      "a plan write in lower case",
      () => writeUnit("01-intro", lesson("practice", { scenarios: [scenario({ kind: "conflict", attempts: [1], write: { name: "incrby", args: ["k"] } })] })),
      /^lessons\/01-intro: unit\.json: scenarios\.0\.plan\.write\.name: must be an upper-case Redis command/,
    ],
    [
      "a final state key that is not inspected",
      () => writeUnit("01-intro", lesson("lesson", { expected: { outputIncludes: [], finalState: { other: "1" } } })),
      /^lessons\/01-intro: unit\.json: expected\.finalState\.other: "other" is not listed in inspectKeys$/,
    ],
    [
      "a badly named folder",
      () => writeUnit("1-Intro", lesson()),
      /^lessons\/1-Intro: folder name must be NN-slug/,
    ],
    [
      "an empty course",
      () => undefined,
      /^lessons: no units found/,
    ],
  ])("rejects %s, naming the folder and the problem", (_name, build, message) => {
    build();
    expect(() => loadCourse(dir)).toThrow(message);
  });

  function scenario(plan: object) {
    return { id: "staged", label: "Run it", description: "What you see.", plan };
  }
});
