import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { course, openUnitFromCourse, setCode, waitForEditor } from "./helpers";

// A common mistake from the grader's fixtures: the learner forgot WATCH entirely.
const unit = course.find((u) => u.slug === "update-likes")!;
const fixtures = "lib/lessons/fixtures/update-likes";
const noWatch = readFileSync(`${fixtures}/no-watch.ts`, "utf8");
const expected = JSON.parse(readFileSync(`${fixtures}/expected.json`, "utf8")) as Record<string, { mentions?: string[] }>;

test("Check my code: a wrong submission shows failed tests with their messages; the solution passes and marks the unit done", async ({ page }) => {
  await openUnitFromCourse(page, unit, "runnable");
  await setCode(page, noWatch);
  await page.getByTestId("check-button").click();
  const results = page.getByTestId("check-results");
  await expect(results).toHaveAttribute("data-status", "fail", { timeout: 45_000 });
  const failed = results.locator('[data-testid="check-test"][data-status="fail"]');
  expect(await failed.count()).toBeGreaterThan(0);
  for (const words of expected["no-watch"]?.mentions ?? []) await expect(results).toContainText(words);

  // The failing scenario opens on the timeline.
  await failed.first().getByRole("button", { name: "Show this scenario on the timeline" }).click();
  await expect(page.getByRole("heading", { name: /^Timeline: / })).toBeVisible();

  await page.goto("/");
  await expect(page.getByTestId(`progress-${unit.slug}`)).not.toHaveAttribute("data-state", "passed");

  await page.getByTestId(`unit-link-${unit.slug}`).click();
  await waitForEditor(page, "runnable");
  await setCode(page, unit.solution!);
  await page.getByTestId("check-button").click();
  await expect(results).toHaveAttribute("data-status", "pass", { timeout: 45_000 });
  await expect(results.locator('[data-testid="check-test"][data-status="fail"]')).toHaveCount(0);
  expect(await results.locator('[data-testid="check-test"][data-status="pass"]').count()).toBeGreaterThan(2);

  await page.goto("/");
  await expect(page.getByTestId(`progress-${unit.slug}`)).toHaveAttribute("data-state", "passed");
});
