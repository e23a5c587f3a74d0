/**
 * The workbench layout: after a run the editor, the outcome and the timeline are on screen
 * together (laptop 1440x900 and projector 1920x1080), a chip and its line too, and a click on
 * a line shows its commands. Small screens stack everything.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { course, runAndWait, waitForEditor } from "./helpers";

const unit = course.find((u) => u.slug === "observe-balance")!;
const lineOf = (text: string) => unit.starter.split("\n").findIndex((l) => l.includes(text)) + 1;
const timeline = (page: Page) => page.getByRole("group", { name: "Timeline", exact: true });
const lanes = (page: Page) => timeline(page).locator('[aria-label^="Timeline lanes"]');

/** The element's box lies wholly inside the viewport. */
async function wholeInView(page: Page, el: Locator): Promise<void> {
  const box = await el.boundingBox();
  const vp = page.viewportSize()!;
  expect(box, "element is rendered").not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(vp.height + 1);
  expect(box!.x + box!.width).toBeLessThanOrEqual(vp.width + 1);
}

async function stagedRun(page: Page): Promise<void> {
  await page.goto(`/lessons/${unit.slug}`);
  await waitForEditor(page);
  expect(await runAndWait(page, "scenario-staged-conflict")).toBe("ok");
  await expect(lanes(page)).toBeVisible();
}

for (const viewport of [{ width: 1440, height: 900 }, { width: 1920, height: 1080 }]) {
  test.describe(() => {
    test.use({ viewport });
    test(`editor, outcome and timeline are all in view after a staged run at ${viewport.width}x${viewport.height}`, async ({ page }) => {
      test.setTimeout(120_000);
      await stagedRun(page);
      await wholeInView(page, page.getByTestId("code-editor"));
      await wholeInView(page, page.getByTestId("run-status"));
      await wholeInView(page, lanes(page));
      await wholeInView(page, page.getByTestId("phase-legend"));
      // Room to read: the lanes show several rows, the editor a dozen lines.
      expect((await lanes(page).boundingBox())!.height).toBeGreaterThan(220);
      expect((await page.getByTestId("code-editor").boundingBox())!.height).toBeGreaterThan(250);
      await expect(page.getByTestId("code-editor")).toBeInViewport({ ratio: 1 });
      await expect(lanes(page)).toBeInViewport({ ratio: 1 });

      // A chip and its highlighted line are on screen together.
      await lanes(page).getByRole("button", { name: /EXEC, returned null: WatchError/ }).click();
      const highlight = page.locator(".monaco-editor .view-overlays .editor-line-highlight");
      await expect(highlight).toHaveCount(1);
      await expect(highlight).toBeInViewport();
      await expect(lanes(page).getByRole("button", { name: /EXEC, returned null: WatchError/ })).toBeInViewport();
    });
  });
}

test("clicking a line in the editor selects its commands on the timeline", async ({ page }) => {
  test.setTimeout(120_000);
  await stagedRun(page);
  const line = lineOf("conn.get(key)");
  await page.locator(".monaco-editor .margin-view-overlays .line-numbers", { hasText: new RegExp(`^${line}$`) }).click();
  const gets = lanes(page).getByRole("button", { name: new RegExp(`^B, line ${line}: GET balance:1`) });
  await expect(gets.first()).toHaveAttribute("aria-pressed", "true");
  await expect(timeline(page).getByTestId("line-note")).toHaveText(`Line ${line}: 2 events in this run`);
  const details = page.getByRole("region", { name: "Details of the selected event" });
  await expect(details.getByRole("heading")).toHaveText(new RegExp(`^B, line ${line}: GET balance:1, reply "100"$`));
  // Again: the next command of that line (the retry's read, after C's write).
  await page.locator(".monaco-editor .margin-view-overlays .line-numbers", { hasText: new RegExp(`^${line}$`) }).click();
  await expect(details.getByRole("heading")).toHaveText(new RegExp(`^B, line ${line}: GET balance:1, reply "107"$`));
  await expect(lanes(page).getByRole("button", { name: new RegExp(`^B, line ${line}: GET balance:1, reply "107"$`) })).toHaveAttribute("aria-pressed", "true");
});

test.describe(() => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("a phone-sized screen stacks the workbench, nothing scrolls sideways, and a chip scrolls its line into view", async ({ page }) => {
    await stagedRun(page);
    const editor = (await page.getByTestId("code-editor").boundingBox())!;
    const outcome = (await page.getByTestId("outcome-panel").boundingBox())!;
    const panel = (await page.getByTestId("timeline-panel").boundingBox())!;
    expect(editor.y + editor.height).toBeLessThanOrEqual(outcome.y);
    expect(outcome.y + outcome.height).toBeLessThanOrEqual(panel.y + 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Stacked, the editor is far above the timeline: picking a chip scrolls its line into view.
    const chip = lanes(page).getByRole("button", { name: /EXEC, returned null: WatchError/ });
    await chip.scrollIntoViewIfNeeded();
    await expect(page.getByTestId("code-editor")).not.toBeInViewport();
    await chip.click();
    const highlight = page.locator(".monaco-editor .view-overlays .editor-line-highlight");
    await expect(highlight).toHaveCount(1);
    await expect(highlight).toBeInViewport();
  });
});
