import { describe, expect, it } from "vitest";
import { loadCourse } from "../lessons/loader";
import { loadChecks } from "../lessons/grading/checks-loader";
import { runRequestSchema } from "../runner/host/request-schema";
import { buildExploreRun, exploreSchema } from "./explore";

const course = loadCourse();
const find = (slug: string) => course.find((u) => u.slug === slug);

describe("explorer requests", () => {
  it("builds a schedule run that pauses after the choices, with the grader's concurrent calls and the others' keys", () => {
    const input = exploreSchema.parse({ unit: "update-likes", choices: "ABBA", concurrentCalls: true, others: [{ commands: [{ name: "INCRBY", args: ["bonus:1", 5] }] }] });
    const r = buildExploreRun(input, find, (s) => loadChecks(s));
    if (!r.ok) throw new Error(r.message);
    expect(r.request.plan).toEqual({ kind: "schedule", choices: "ABBA", then: "pause", others: [{ commands: [{ name: "INCRBY", args: ["bonus:1", 5] }] }] });
    expect(r.request.source.endsWith("\n;await Promise.all([updateLikes(99, 1), updateLikes(99, 2)]);\n")).toBe(true);
    expect(r.inspectKeys).toEqual(["likes:99", "bonus:1"]);
    expect(runRequestSchema.safeParse(r.request).success).toBe(true);
  });

  it("refuses what a schedule can't be: other letters, unknown units, concurrent calls a unit doesn't have, forbidden commands", () => {
    expect(exploreSchema.safeParse({ unit: "update-likes", choices: "ab" }).success).toBe(false);
    expect(exploreSchema.safeParse({ unit: "update-likes", choices: "A", others: [{ commands: [{ name: "FLUSHALL", args: [] }] }] }).success).toBe(false);
    expect(buildExploreRun(exploreSchema.parse({ unit: "nope", choices: "" }), find, () => null)).toMatchObject({ ok: false });
    expect(buildExploreRun(exploreSchema.parse({ unit: "watch-basics", choices: "", concurrentCalls: true }), find, (s) => loadChecks(s))).toMatchObject({ ok: false, message: expect.stringContaining("no concurrent calls") });
  });
});
