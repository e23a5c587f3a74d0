/**
 * Before Monaco: the unit's code is server-rendered (readable at first paint), Run, Ctrl+Enter and
 * a staged race work on it, and Monaco then takes over in the same place (no layout shift).
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { course, getCode, outputLines, runAndWait, setCode, waitForEditor } from "./helpers";
import { delayEditor, delayHydration, holdBackEditor, untilHtml } from "./hold-editor";

const practice = course.find((u) => u.scenarios.length > 0)!;

/** Where the first code token of line 1 is drawn, in the static view or in Monaco. */
async function firstTokenBox(page: Page, selector: string) {
  // Monaco paints its lines in an animation frame of its own; on a busy machine the hook may say
  // "editable" a frame before the line's spans are laid out.
  await expect(page.locator(selector).first()).toBeVisible();
  const box = await page.locator(selector).first().boundingBox();
  expect(box, `${selector} is drawn`).not.toBeNull();
  return { x: Math.round(box!.x), y: Math.round(box!.y) };
}

/** The "starting" note a button asked before hydration shows (drawn by CSS, so not in its text). */
const startingNote = (button: Locator) => button.evaluate((b) => getComputedStyle(b, "::after").content);

const STATIC_TOKEN = '[data-testid="code-view"] > div:first-of-type > span:nth-child(2)';
const MONACO_TOKEN = '.monaco-editor .view-line:has-text("") span span';

test("the code is in the HTML, and Run, Ctrl+Enter and a staged race work before Monaco loads", async ({ page }) => {
  const monaco = await holdBackEditor(page);
  const res = await page.goto(`/lessons/${practice.slug}`);
  expect(await res!.text()).toContain('data-testid="code-view"');
  const view = page.getByTestId("code-view");
  await expect(view).toContainText(practice.starter.split("\n")[0]!);
  await waitForEditor(page, "runnable");
  expect(await page.evaluate(() => window.__playground?.editable)).toBe(false);

  expect(await runAndWait(page)).toBe("ok");
  expect(await outputLines(page)).toContain(practice.expected.outputIncludes[0]);
  const scenario = practice.scenarios[0]!;
  expect(await runAndWait(page, `scenario-${scenario.id}`)).toBe("ok");
  await expect(page.getByTestId("run-status")).toContainText("staged race");

  await setCode(page, 'console.log("typed before the editor");\n');
  await expect(view).toContainText("typed before the editor");
  // Tab indents, as in Monaco, and undo takes it back.
  await page.getByTestId("code-input").focus();
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("Tab");
  expect(await getCode(page)).toBe('  console.log("typed before the editor");\n');
  await expect(page.getByTestId("code-input")).toBeFocused();
  await page.keyboard.press("Control+Z");
  expect(await getCode(page)).toBe('console.log("typed before the editor");\n');
  const result = page.getByTestId("run-result");
  const before = Number(await result.getAttribute("data-runs"));
  await page.keyboard.press("Control+Enter");
  await expect(result).toHaveAttribute("data-runs", String(before + 1));
  await expect(result).not.toHaveAttribute("data-state", "running");
  expect(await outputLines(page)).toContain("typed before the editor");
  await expect(page.locator(".monaco-editor")).toHaveCount(0);
  expect(monaco.held(), "the editor's chunks were asked for, and held back").toBeGreaterThan(0);
});

test("Monaco takes over in place: the first line's text does not move", async ({ browser, page }) => {
  // The same viewport as the worker's page, where Monaco is drawn.
  const plain = await browser.newContext({ javaScriptEnabled: false, viewport: page.viewportSize() });
  const staticPage = await plain.newPage();
  await staticPage.goto(`/lessons/${practice.slug}`);
  const before = await firstTokenBox(staticPage, STATIC_TOKEN);
  await plain.close();

  // The worker's own page (its renderer has Monaco compiled already): same viewport, same layout.
  await page.goto(`/lessons/${practice.slug}`);
  await waitForEditor(page);
  await expect(page.getByTestId("code-view")).toHaveCount(0);
  const after = await firstTokenBox(page, MONACO_TOKEN);
  expect(Math.abs(after.x - before.x), `x: static ${before.x}, Monaco ${after.x}`).toBeLessThanOrEqual(1);
  expect(Math.abs(after.y - before.y), `y: static ${before.y}, Monaco ${after.y}`).toBeLessThanOrEqual(1);
});

test("the code can be typed into before Monaco loads; Monaco then takes over the text, focus and caret", async ({ page }) => {
  const monaco = await delayEditor(page);
  await page.goto(`/lessons/${practice.slug}`, untilHtml);
  await waitForEditor(page, "runnable");
  const input = page.getByTestId("code-input");
  await input.focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.type('\nconsole.log("typed early"); // before the editor');
  expect(await getCode(page)).toBe(`${practice.starter}\nconsole.log("typed early"); // before the editor`);
  // The colours follow the typing: the new comment is drawn as one.
  await expect(page.getByTestId("code-view").locator(".cv-comment").last()).toHaveText("// before the editor");
  expect(await runAndWait(page)).toBe("ok");
  expect(await outputLines(page)).toContain("typed early");

  // Back in the code (Run took the focus), caret at the end, when Monaco arrives.
  await input.focus();
  await page.keyboard.press("Control+End");
  monaco.release();
  await waitForEditor(page);
  await expect(page.getByTestId("code-view")).toHaveCount(0);
  expect(await getCode(page)).toBe(`${practice.starter}\nconsole.log("typed early"); // before the editor`);
  // Focus and caret came along: the next key lands at the end, in Monaco.
  expect(await page.evaluate(() => document.activeElement?.closest(".monaco-editor") != null)).toBe(true);
  await page.keyboard.type("!");
  expect(await getCode(page)).toBe(`${practice.starter}\nconsole.log("typed early"); // before the editor!`);
});

test("the code takes typing at first paint, on the saved code, and hydration keeps what was typed", async ({ page }) => {
  const saved = `${practice.starter}\n// saved in an earlier visit`;
  await page.addInitScript(([key, code]) => localStorage.setItem(key!, code!), [`rtp:code:${practice.slug}`, saved]);
  const scripts = await delayHydration(page);
  // Registered last, so it answers first for Monaco's chunks: the view stays for the whole test.
  await holdBackEditor(page);
  await page.goto(`/lessons/${practice.slug}`, untilHtml);
  const input = page.getByTestId("code-input");
  // Not hydrated (its scripts are held), yet the saved code is there, and takes keys.
  await expect(input).toHaveValue(saved);
  expect(await page.evaluate(() => window.__playground)).toBeUndefined();
  await input.focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.type('\nconsole.log("typed before hydration");');
  const typed = `${saved}\nconsole.log("typed before hydration");`;
  await expect(input).toHaveValue(typed);
  // Until hydration the colours cannot follow: the text shows plain.
  await expect(page.getByTestId("code-view")).toHaveClass(/cv-plain/);
  // Ctrl+Enter is kept until hydration: the Run button says it is starting.
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("run-button")).toHaveAttribute("aria-busy", "true");
  await expect(input).toHaveValue(typed);

  scripts.release();
  await waitForEditor(page, "runnable");
  expect(await getCode(page)).toBe(typed);
  // The Run asked for before hydration went out, on the typed code.
  const result = page.getByTestId("run-result");
  await expect(result).toHaveAttribute("data-runs", "1");
  await expect(result).not.toHaveAttribute("data-state", "running");
  expect(await outputLines(page)).toContain("typed before hydration");
  await expect(page.getByTestId("run-button")).not.toHaveAttribute("aria-busy");
  await expect(page.getByTestId("code-view")).not.toHaveClass(/cv-plain/);
  await expect(page.getByTestId("code-view").locator(".cv-comment").last()).toHaveText("// saved in an earlier visit");
  // Focus and caret stayed: the next key lands at the end.
  await expect(input).toBeFocused();
  await page.keyboard.type("//!");
  expect(await getCode(page)).toBe(`${typed}//!`);
  expect(await page.evaluate((key) => localStorage.getItem(key), `rtp:code:${practice.slug}`)).toBe(`${typed}//!`);
});

test("a staged race clicked before hydration runs once, when the page has hydrated", async ({ page }) => {
  const scripts = await delayHydration(page);
  await holdBackEditor(page);
  await page.goto(`/lessons/${practice.slug}`, untilHtml);
  const scenario = page.getByTestId(`scenario-${practice.scenarios[0]!.id}`);
  await scenario.click();
  await expect(scenario).toHaveAttribute("aria-busy", "true");
  expect(await startingNote(scenario)).toContain("starting");
  // A second request while the first waits is ignored, as it would be while a run is going.
  await page.getByTestId("run-button").click();
  await expect(page.getByTestId("run-button")).not.toHaveAttribute("aria-busy");

  scripts.release();
  const result = page.getByTestId("run-result");
  await expect(result).toHaveAttribute("data-runs", "1");
  await expect(result).not.toHaveAttribute("data-state", "running");
  await expect(page.getByTestId("run-status")).toContainText("staged race");
  expect(await startingNote(scenario)).not.toContain("starting");
  // From here on the buttons are React's: one click, one more run.
  expect(await runAndWait(page)).toBe("ok");
  await expect(result).toHaveAttribute("data-runs", "2");
});
