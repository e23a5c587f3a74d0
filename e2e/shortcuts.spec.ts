/** Keyboard habits on a unit page, in the editor (Monaco) and outside it. */
import { expect, test, type Page } from "@playwright/test";
import { course, getCode, openUnit } from "./helpers";

const exercise = course.find((u) => u.kind === "exercise" && u.hints.length >= 2)!;
const focusEditor = (page: Page) => page.locator(".monaco-editor .view-lines").click();

test("Ctrl+Shift+Enter checks the exercise from inside the editor, and the code stays as it was", async ({ page }) => {
  test.setTimeout(120_000);
  await openUnit(page, exercise);
  await focusEditor(page);
  const before = await getCode(page);
  await page.keyboard.press("Control+Shift+Enter");
  await expect(page.getByTestId("check-results")).toHaveAttribute("data-status", /^(pass|fail|error)$/, { timeout: 45_000 });
  // Monaco's own Ctrl+Shift+Enter (insert a line above) did not run.
  expect(await getCode(page)).toBe(before);
});

test("Ctrl+S saves the code in this browser and says so; Alt+H shows the next hint", async ({ page }) => {
  await openUnit(page, exercise);
  await focusEditor(page);
  await page.evaluate((slug) => localStorage.removeItem(`rtp:code:${slug}`), exercise.slug);
  await page.keyboard.press("Control+s");
  await expect(page.getByTestId("save-status")).toContainText("Saved at");
  expect(await page.evaluate((slug) => localStorage.getItem(`rtp:code:${slug}`), exercise.slug)).toBe(await getCode(page));

  await expect(page.getByTestId("hints")).toHaveCount(0);
  await page.keyboard.press("Alt+h");
  await expect(page.getByTestId("hints").locator("li")).toHaveCount(1);
  await expect(page.getByTestId("hints").locator("li").first()).toHaveText(exercise.hints[0]!);
  await page.keyboard.press("Alt+h");
  await expect(page.getByTestId("hints").locator("li")).toHaveCount(2);
  // Nothing was typed into the editor by the shortcuts.
  expect(await page.evaluate((slug) => localStorage.getItem(`rtp:code:${slug}`), exercise.slug)).toBe(await getCode(page));
});

test("? opens the shortcuts help outside the editor and types ? inside it", async ({ page }) => {
  test.setTimeout(120_000);
  await openUnit(page, exercise);
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("?");
  const help = page.getByTestId("shortcuts-help");
  await expect(help).toBeVisible();
  for (const keys of ["Ctrl+Shift+Enter", "Ctrl+S", "Alt+H", "Ctrl+Enter"]) await expect(help.getByText(keys, { exact: true })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(help).toHaveCount(0);

  await focusEditor(page);
  await page.keyboard.press("Control+End");
  await page.keyboard.type("?");
  await expect(help).toHaveCount(0);
  expect((await getCode(page)).endsWith("?")).toBe(true);
  // The button opens it too.
  await page.getByTestId("shortcuts-button").click();
  await expect(help).toBeVisible();
});
