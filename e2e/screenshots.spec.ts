import { expect, test, type Locator, type Page } from "@playwright/test";
import path from "node:path";
import { course, expectPageTheme, runAndWait, waitForEditor } from "./helpers";
import { delayEditor, untilHtml } from "./hold-editor";

// What a look at the screenshots checks, asserted: at laptop and projector sizes and in both
// themes, each unit page after a run keeps its two columns side by side, nothing spills out
// sideways, and the page, the editor and the timeline wear the theme asked for. Pixel baselines
// were not taken on purpose: the pages change often and unit 3's race differs run to run,
// so they would fail on every honest change and pass nothing a reviewer cares about.
// The PNGs are still written to e2e/artifacts (gitignored) for a human look.
const DIR = path.join(process.cwd(), "e2e", "artifacts");

type Scheme = "light" | "dark";

/** Relative luminance (0 black .. 1 white) of an element's own background colour. */
async function backgroundLuminance(target: Locator): Promise<number> {
  const rgb = await target.evaluate((el) => getComputedStyle(el).backgroundColor);
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => Number(c) / 255);
  const lin = (c = 0) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

async function expectTheme(page: Page, scheme: Scheme, surfaces: Locator[]): Promise<void> {
  await expectPageTheme(page, scheme);
  for (const surface of surfaces) {
    const lum = await backgroundLuminance(surface);
    if (scheme === "dark") expect(lum, `${surface} is dark`).toBeLessThan(0.2);
    else expect(lum, `${surface} is light`).toBeGreaterThan(0.8);
  }
}

async function expectNoSidewaysSpill(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, "the page scrolls sideways").toBeLessThanOrEqual(innerWidth);
}

/** The lesson text and the workbench sit side by side, each inside the window, results inside the workbench. */
async function expectTwoColumns(page: Page, editor: Locator): Promise<void> {
  const width = page.viewportSize()!.width;
  const article = (await page.locator("article").first().boundingBox())!;
  const bench = (await page.getByRole("region", { name: "Workbench" }).boundingBox())!;
  expect(article.x).toBeGreaterThanOrEqual(0);
  expect(bench.x, "the workbench starts right of the lesson text").toBeGreaterThanOrEqual(article.x + article.width - 1);
  expect(bench.x + bench.width).toBeLessThanOrEqual(width);
  expect(Math.abs(bench.y - article.y), "both columns start at the same height").toBeLessThan(80);
  for (const part of [editor, page.getByTestId("run-result"), page.getByRole("group", { name: "Timeline", exact: true })]) {
    await expect(part).toBeVisible();
    const box = (await part.boundingBox())!;
    expect(box.x, `${part} inside the workbench`).toBeGreaterThanOrEqual(bench.x - 1);
    expect(box.x + box.width, `${part} inside the workbench`).toBeLessThanOrEqual(bench.x + bench.width + 1);
  }
}

for (const unit of course) {
  // One visit per unit, both themes: the page follows the system's theme while open (theme.ts),
  // so the dark half is the same page after the system turns dark, not a second load and run.
  // Monaco on unit 1 only: it is the same editor on every page, and the code view it replaces
  // has its layout (first-paint proves it), so the other units' pages are shown with the view.
  test(`layout and theme ${unit.order}-${unit.slug}, light then dark`, async ({ page }) => {
    const withMonaco = unit.order === 1;
    const monaco = withMonaco ? undefined : await delayEditor(page);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(`/lessons/${unit.slug}`, untilHtml);
    await waitForEditor(page, withMonaco ? "editable" : "runnable");
    expect(await runAndWait(page)).not.toBe("running");
    const editor = page.getByTestId(withMonaco ? "code-editor" : "code-view");
    const editorSurface = withMonaco ? page.locator(".monaco-editor .monaco-editor-background").first() : editor;
    await expect(withMonaco ? page.locator(".monaco-editor .view-lines") : editor).toBeVisible();
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 1440, height: 900 });
      await expectTheme(page, scheme, [page.locator("body"), editorSurface]);
      await expectNoSidewaysSpill(page);
      await expectTwoColumns(page, editor);
      await page.screenshot({ path: path.join(DIR, `${unit.order}-${unit.slug}-${scheme}.png`), fullPage: true });
      if (withMonaco) {
        await page.setViewportSize({ width: 1920, height: 1080 });
        await expectNoSidewaysSpill(page);
        await expectTwoColumns(page, editor);
        await page.screenshot({ path: path.join(DIR, `${unit.order}-${unit.slug}-${scheme}-projector.png`) });
      }
    }
    // The held editor chunks are let go once the page no longer wants them.
    await page.goto("about:blank");
    monaco?.release();
  });
}

test("layout of the course page", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  for (const unit of course) await expect(page.getByTestId(`unit-link-${unit.slug}`)).toBeVisible();
  await expectTheme(page, "light", [page.locator("body")]);
  await expectNoSidewaysSpill(page);
  await page.screenshot({ path: path.join(DIR, "0-course-light.png"), fullPage: true });
});
