import { expect, test } from "@playwright/test";
import path from "node:path";
import { course, openUnit, runAndWait } from "./helpers";

// Playwright runs from the project root (scripts/test.mjs, npx playwright test).
const DIR = path.join(process.cwd(), "e2e", "artifacts");

// Laptop and projector sizes; every unit in both themes at laptop size, projector for the first.
for (const unit of course) {
  for (const scheme of ["light", "dark"] as const) {
    test(`screenshot ${unit.order}-${unit.slug} ${scheme}`, async ({ browser }) => {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await openUnit(page, unit);
      await runAndWait(page);
      await expect(page.locator(".monaco-editor .view-lines")).toBeVisible();
      await page.screenshot({ path: path.join(DIR, `${unit.order}-${unit.slug}-${scheme}.png`), fullPage: true });
      if (unit.order === 1) {
        await page.setViewportSize({ width: 1920, height: 1080 });
        await page.screenshot({ path: path.join(DIR, `${unit.order}-${unit.slug}-${scheme}-projector.png`) });
      }
      await context.close();
    });
  }
}

test("screenshot course page", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.screenshot({ path: path.join(DIR, "0-course-light.png"), fullPage: true });
});
