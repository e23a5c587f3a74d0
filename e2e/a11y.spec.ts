import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { course, expectPageTheme, openUnit, runAndWait, switchSystemTheme, waitForEditor } from "./helpers";

async function seriousViolations(page: Page) {
  // Legacy mode: one axe.run in the page. The default runs axe per frame and then again in a new
  // blank page to merge the frames' results - a second page and a second 0.5 MB script for a
  // page that has no frames (cross-origin frames are what legacy mode cannot test).
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).setLegacyMode().analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
}

/** Axe in both themes on the page as it is: the page follows the system's theme while open. */
async function seriousViolationsInBothThemes(page: Page) {
  const found: Record<string, Awaited<ReturnType<typeof seriousViolations>>> = {};
  for (const scheme of ["light", "dark"] as const) {
    await switchSystemTheme(page, scheme);
    found[scheme] = await seriousViolations(page);
  }
  return found;
}

test("course page has no serious accessibility violations, light or dark", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await seriousViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
});

for (const unit of [course[0], course.find((u) => u.kind === "exercise")]) {
  if (!unit) continue;
  test(`unit page "${unit.title}" after a run has no serious accessibility violations, light or dark`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await openUnit(page, unit);
    await runAndWait(page);
    expect(await seriousViolationsInBothThemes(page)).toEqual({ light: [], dark: [] });
  });
}

test("an open page follows the system's theme until the learner picks one", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await expectPageTheme(page, "light");
  await switchSystemTheme(page, "dark");
  await expect(page.getByTestId("theme-toggle")).toHaveAttribute("aria-pressed", "true");
  // The learner's choice wins from then on, whatever the system does.
  await page.getByTestId("theme-toggle").click();
  await expectPageTheme(page, "light");
  await page.emulateMedia({ colorScheme: "light" });
  await page.emulateMedia({ colorScheme: "dark" });
  // Media query changes are reported in a frame's rendering steps, before its animation frame
  // callbacks: two frames later the handler has seen the change, so the check below can fail.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await expectPageTheme(page, "light");
});

test("the theme follows the system first, then the learner's choice, without a flash", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.getByTestId("theme-toggle").click();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  // The boot script runs before first paint: the class is right in the very first DOM.
  await page.goto(`/lessons/${course[0]?.slug}`, { waitUntil: "commit" });
  await page.waitForSelector("html");
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  await waitForEditor(page);
  await context.close();
});
