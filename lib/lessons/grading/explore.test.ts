import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeWorkerPool, runProgram } from "../../runner/index";
import { findLostUpdate, type ScheduleStep } from "../../trace";
import { buildExploreRun, exploreSchema } from "../../race/explore";
import { gradeSubmission } from "../grade";
import { loadCourse } from "../loader";
import { loadChecks } from "./checks-loader";
import { branches, EXPLORE_BOUNDS } from "./explore";
import { EXPLORE_TEST_NAME } from "./explore-test";

afterAll(() => closeWorkerPool());

const course = loadCourse();
const likes = course.find((u) => u.slug === "update-likes")!;
const noWatch = fs.readFileSync(path.join(__dirname, "../fixtures/update-likes/no-watch-explored.ts"), "utf8");
const step = (client: string, pending: string): ScheduleStep => ({ client, pending, seq: null });

describe("schedule exploration: which prefixes come next", () => {
  it("branches at every choice point past the prefix, counting preemptions, within the bound", () => {
    // A program part (B alone), then C and D each with two steps, run C then D by the finish policy.
    const steps = [step("B", "B"), step("C", "CD"), step("C", "CD"), step("D", "D"), step("D", "D")];
    // Who goes first after B is free (B has nothing waiting); switching to D after C's first step preempts C.
    expect(branches("", steps, 0)).toEqual(["BD"]);
    expect(branches("", steps, 1)).toEqual(["BD", "BCD"]);
    // Past the prefix only: a run started with "BD" branches after its second letter.
    expect(branches("BD", [step("B", "B"), step("D", "CD"), step("D", "CD"), step("C", "C"), step("C", "C")], 2)).toEqual(["BDC"]);
    // Preemptions add up along the run: a second switch needs a bound of 2.
    const zigzag = [step("C", "CD"), step("D", "CD"), step("D", "CD"), step("C", "C")];
    expect(branches("C", zigzag, 1)).toEqual(["CC"]);
    expect(branches("C", zigzag, 2)).toEqual(["CC", "CDC"]);
  });
});

describe("schedule exploration in a Check", () => {
  it("a submission that writes without WATCH: a lost update with a short schedule that replays the loss", async () => {
    const g = await gradeSubmission(likes, noWatch);
    expect(g.status).toBe("fail");
    const t = g.tests.find((x) => x.name === EXPLORE_TEST_NAME)!;
    expect(t.status).toBe("fail");
    expect(t.schedule).toBeDefined();
    const s = t.schedule!;
    expect(s.concurrentSteps).toBeLessThanOrEqual(5);
    expect(s.sentence).toMatch(/^Lost update: C and D both read likes:99 = 165/);
    expect(t.explored?.systematic).toBeGreaterThan(0);

    // Replayed in the explorer, paused where the update is lost, and run on to the end: lost both times.
    const open = (then: "pause" | "finish") => {
      const built = buildExploreRun(exploreSchema.parse({ unit: likes.slug, source: noWatch, choices: s.choices, concurrentCalls: true }), (x) => course.find((u) => u.slug === x), (x) => loadChecks(x));
      if (!built.ok) throw new Error(built.message);
      const plan = built.request.plan!;
      return runProgram({ ...built.request, plan: plan.kind === "schedule" ? { ...plan, then } : plan });
    };
    const [paused, finished] = await Promise.all([open("pause"), open("finish")]);
    expect(paused.status).toBe("ok");
    expect(paused.schedule?.taken).toBe(s.choices);
    expect(paused.schedule?.paused).toBe(true);
    expect(paused.finalState).toEqual({ "likes:99": "166" });
    const named = findLostUpdate(paused.trace, { key: "likes:99", initial: 150, final: paused.finalState?.["likes:99"] });
    expect(named?.overwrite.seq).toBe(s.lostAtSeq);
    expect(named?.sentence).toBe(s.sentence);
    expect(finished.finalState).toEqual({ "likes:99": "166" });
    expect(finished.schedule?.taken.startsWith(s.choices)).toBe(true);
  });

  it("the unit's solution passes every explored interleaving, the bounded tree complete", async () => {
    for (const unit of course.filter((u) => (loadChecks(u.slug)?.concurrentCalls.length ?? 0) > 0)) {
      const g = await gradeSubmission(unit, unit.solution!);
      const t = g.tests.find((x) => x.name === EXPLORE_TEST_NAME);
      expect(t?.status, unit.slug).toBe("pass");
      expect(t?.schedule).toBeUndefined();
      expect(t?.explored).toMatchObject({ complete: true, preemptions: EXPLORE_BOUNDS.preemptions });
      // Every interleaving of the two calls with at most one switch: 2 without, 6 with one.
      expect(t!.explored!.systematic).toBeGreaterThanOrEqual(8);
    }
  });
});
