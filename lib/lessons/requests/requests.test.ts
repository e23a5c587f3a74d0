// The Run and Check requests behind the workbench's server actions, against the real engine and Redis.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeWorkerPool } from "../../runner/index";
import { loadUnit } from "../loader";
import { checkUnitRequest } from "./check-unit";
import { CODE_MAX_CHARS } from "@/lib/runner/limits/code-size";
import { runUnitRequest, unitSolution } from "./run-unit";

afterAll(() => closeWorkerPool());

const client = async () => "test:requests";
const likes = loadUnit("update-likes")!;
const longerLine = fs.readFileSync(path.join(__dirname, "..", "fixtures", "update-likes", "prints-longer-line.ts"), "utf8");
const tooLong = "x".repeat(CODE_MAX_CHARS + 1);

describe("the Run request", () => {
  it("a solution meets its unit's expectation; a line that only starts with the expected one does not", async () => {
    const [right, longer] = await Promise.all([
      runUnitRequest({ slug: likes.slug, source: likes.solution }, client),
      runUnitRequest({ slug: likes.slug, source: longerLine }, client),
    ]);
    expect(right).toMatchObject({ status: "ok", expectationMet: true, finalState: { "likes:99": "165" } });
    expect(longer).toMatchObject({ status: "ok", expectationMet: false, output: ["Updated likes for post 99: 165166"] });
  });

  it("refuses what it does not understand, in the learner's words", async () => {
    expect((await runUnitRequest({ slug: likes.slug, source: tooLong }, client)).error).toEqual({
      code: "code_limit",
      message: "Your program is longer than 64 KB. Shorten it and run again.",
    });
    expect((await runUnitRequest({ slug: "Not A Slug", source: "" }, client)).error?.code).toBe("bad_request");
    expect((await runUnitRequest({ slug: "no-such-unit", source: "" }, client)).error?.message).toMatch(/does not exist/);
    expect((await runUnitRequest({ slug: likes.slug, source: "", scenarioId: "nope" }, client)).error?.message).toMatch(/not part of this unit/);
  });

  it("a staged run never counts as meeting the expectation", async () => {
    const unit = loadUnit("observe-balance")!;
    const r = await runUnitRequest({ slug: unit.slug, source: unit.starter, scenarioId: unit.scenarios[0]!.id }, client);
    expect(r).toMatchObject({ status: "ok", expectationMet: false, scenarioId: unit.scenarios[0]!.id });
  });

  it("hands out a solution only for a unit that has one", () => {
    expect(unitSolution(likes.slug)).toBe(likes.solution);
    expect(unitSolution("observe-balance")).toBeNull();
    expect(unitSolution(42)).toBeNull();
  });
});

describe("the Check request", () => {
  it("refuses an oversized or malformed request without running it", async () => {
    expect(await checkUnitRequest({ slug: likes.slug, source: tooLong }, client)).toMatchObject({
      unit: likes.slug,
      status: "error",
      error: { code: "code_limit" },
    });
    expect(await checkUnitRequest({ slug: likes.slug }, client)).toMatchObject({ unit: likes.slug, status: "error", error: { code: "invalid_request" } });
    expect(await checkUnitRequest(null, client)).toMatchObject({ unit: "", status: "error", error: { code: "invalid_request" } });
  });
});
