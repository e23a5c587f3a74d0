import { expect, test } from "@playwright/test";
import { course, finalState, inOrder, openUnitFromCourse, outputLines, runAndWait, setCode } from "./helpers";

test.describe("every unit runs against real Redis with its expected result", () => {
  for (const unit of course) {
    test(`${unit.order}. ${unit.title} (${unit.kind})`, async ({ page }) => {
      await openUnitFromCourse(page, unit, "runnable");

      if (unit.kind === "exercise") {
        // The starter is what the learner has to fix: it must not already be right.
        await setCode(page, unit.starter);
        const status = await runAndWait(page);
        const lines = status === "ok" ? await outputLines(page) : [];
        const state = status === "ok" ? await finalState(page) : {};
        const outputOk = inOrder(unit.expected.outputIncludes, lines).every((i) => i >= 0);
        const stateOk = Object.entries(unit.expected.finalState).every(([k, v]) => state[k] === v);
        expect(status === "ok" && outputOk && stateOk, "the starter must not produce the expected result").toBe(false);
        await expect(page.getByTestId("run-passed")).toHaveCount(0);
        if (!unit.solution) throw new Error(`exercise ${unit.slug} has no solution`);
        await setCode(page, unit.solution);
      }

      const status = await runAndWait(page);
      const errorText = status === "ok" ? "" : await page.getByTestId("run-result").textContent();
      expect(status, `run failed: ${errorText}`).toBe("ok");

      const lines = await outputLines(page);
      const found = inOrder(unit.expected.outputIncludes, lines);
      unit.expected.outputIncludes.forEach((line, i) => {
        expect(found[i], `expected output line "${line}" in order, got:\n${lines.join("\n")}`).toBeGreaterThanOrEqual(0);
      });
      expect(await finalState(page)).toMatchObject(unit.expected.finalState);
      await expect(page.getByTestId("run-passed")).toBeVisible();

      if (unit.kind === "exercise") {
        // Exercises are done only when the grader's race checks pass.
        await page.getByTestId("check-button").click();
        await expect(page.getByTestId("check-results")).toHaveAttribute("data-status", "pass", { timeout: 45_000 });
      }

      await page.goto("/");
      await expect(page.getByTestId(`progress-${unit.slug}`)).toHaveAttribute("data-state", "passed");
    });
  }
});

test.describe("staged races on practice units", () => {
  for (const unit of course.filter((u) => u.scenarios.length > 0)) {
    for (const scenario of unit.scenarios) {
      test(`${unit.order}. ${scenario.label}`, async ({ page }) => {
        await openUnitFromCourse(page, unit, "runnable");
        const status = await runAndWait(page, `scenario-${scenario.id}`);
        expect(status).toBe("ok");
        await expect(page.getByTestId("run-status")).toContainText("staged race");
        // A staged write changes the numbers on purpose, so it never counts as "passed".
        await expect(page.getByTestId("run-passed")).toHaveCount(0);
        // The other client's writes land too (no lost update), so the totals differ from a plain run.
        const state = await finalState(page);
        expect(Object.keys(state).sort()).toEqual([...unit.inspectKeys].sort());
        expect(state).not.toEqual(unit.expected.finalState);
      });
    }
  }
});
