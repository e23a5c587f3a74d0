/**
 * The timeline against the real app and a real Redis: the staged conflict explained, step
 * replay mirrored in ?step=N, chip -> editor line, folded races, export, and screenshots.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { course, openUnit, runAndWait, setCode, switchSystemTheme, waitForEditor, type UnitReadiness } from "./helpers";
import { holdBackEditor } from "./hold-editor";
import type { Unit } from "../lib/lessons/types";

const DIR = path.join(process.cwd(), "e2e", "artifacts");

function unitBySlug(slug: string): Unit {
  const unit = course.find((u) => u.slug === slug);
  if (!unit) throw new Error(`the course has no unit "${slug}"`);
  return unit;
}

const practice = unitBySlug("observe-balance");
const race = unitBySlug("score-race");
const SCENARIO = "scenario-staged-conflict";

const timeline = (page: Page) => page.getByRole("group", { name: "Timeline", exact: true });
const lanes = (page: Page) => timeline(page).locator('[aria-label^="Timeline lanes"]');
const stepText = (page: Page) => timeline(page).getByRole("group", { name: "Step through the run" });
/** 1-based line of the first starter line containing `text`: the content decides, not the test. */
function lineOf(unit: Unit, text: string): number {
  const i = unit.starter.split("\n").findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`${unit.slug} starter has no line with ${text}`);
  return i + 1;
}

async function runStagedConflict(page: Page, until: UnitReadiness = "runnable"): Promise<Locator> {
  if (until === "runnable") await holdBackEditor(page);
  await page.goto(`/lessons/${practice.slug}`);
  await waitForEditor(page, until);
  expect(await runAndWait(page, SCENARIO)).toBe("ok");
  await expect(lanes(page)).toBeVisible();
  return timeline(page);
}

/** The line number Monaco shows next to its whole-line highlight decoration, or null. */
async function highlightedLine(page: Page): Promise<{ line: number; text: string } | null> {
  return page.evaluate(() => {
    const hl = document.querySelector<HTMLElement>(".monaco-editor .view-overlays .editor-line-highlight");
    const row = hl?.parentElement;
    if (!row) return null;
    const top = row.style.top;
    const num = [...document.querySelectorAll<HTMLElement>(".monaco-editor .margin-view-overlays > div")].find((d) => d.style.top === top);
    const text = [...document.querySelectorAll<HTMLElement>(".monaco-editor .view-lines .view-line")].find((d) => d.style.top === top);
    return { line: Number(num?.textContent?.trim()), text: text?.textContent ?? "" };
  });
}

test.describe("timeline on a practice unit with a staged conflict", () => {
  test("shows the aborted EXEC as a WatchError, why it happened, and the committed retry", async ({ page }) => {
    const tl = await runStagedConflict(page);
    const inLanes = lanes(page);
    await expect(tl.getByText(/2 attempts/)).toBeVisible();
    await expect(inLanes.getByText("attempt 1 - WatchError")).toBeVisible();
    const aborted = inLanes.getByRole("button", { name: /: EXEC, returned null: WatchError/ });
    await expect(aborted).toHaveCount(1);
    await expect(aborted).toContainText("WatchError");
    await expect(inLanes.getByText(/^Why: C changed balance:1 after B watched it, so B's EXEC was aborted\.$/)).toBeVisible();
    await expect(inLanes.getByRole("button", { name: /^C: INCRBY balance:1 7, reply 107$/ })).toContainText("changed");
    await expect(tl.getByTestId("conflict-arrows").locator("[data-exec-seq]")).toHaveCount(1);
    await expect(inLanes.getByText("attempt 2 - committed (retry)")).toBeVisible();
    await expect(inLanes.getByRole("button", { name: /: EXEC, committed/ })).toContainText("committed");
    await expect(inLanes.getByTitle("Value of balance:1 as your code saw it")).toContainText('"157"');
  });

  test("steps with the buttons and the arrow keys, mirrored in ?step=N", async ({ page }) => {
    const tl = await runStagedConflict(page);
    const total = Number(/(\d+) events/.exec((await stepText(page).textContent()) ?? "")?.[1]);
    expect(total).toBeGreaterThan(10);
    await tl.getByRole("button", { name: "Next step" }).click();
    await tl.getByRole("button", { name: "Next step" }).click();
    await expect(stepText(page)).toContainText(`Step 2 of ${total}`);
    await expect(page).toHaveURL(/[?&]step=2$/);
    await expect(lanes(page).getByRole("button", { name: /: GET balance:1, reply "100"$/ })).toHaveAttribute("aria-current", "step");

    await lanes(page).focus();
    await page.keyboard.press("ArrowRight");
    await expect(page).toHaveURL(/[?&]step=3$/);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowLeft");
    await expect(stepText(page)).toContainText(`Step 3 of ${total}`);
    await expect(page).toHaveURL(/[?&]step=3$/);
    await page.keyboard.press("End");
    await expect(stepText(page)).toContainText(`Step ${total} of ${total}`);
    await tl.getByRole("button", { name: "Previous step" }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]step=${total - 1}$`));
    await tl.getByRole("button", { name: "Whole run" }).click();
    await expect(page).not.toHaveURL(/step=/);
  });

  test("a page opened with ?step=N keeps it and shows step N once the run is in", async ({ page }) => {
    // Lesson runs are not stored, so the link points into the first run after the page opens.
    await page.goto(`/lessons/${practice.slug}?step=8`);
    await waitForEditor(page);
    await expect(page).toHaveURL(/[?&]step=8$/);
    expect(await runAndWait(page, SCENARIO)).toBe("ok");
    await expect(stepText(page)).toContainText(/Step 8 of \d+/);
    await expect(page).toHaveURL(/[?&]step=8$/);
    // Step 8 of the staged run is the aborted EXEC: current, and its line is highlighted.
    await expect(lanes(page).getByRole("button", { name: /: EXEC, returned null: WatchError/ })).toHaveAttribute("aria-current", "step");
    await expect.poll(async () => (await highlightedLine(page))?.line).toBe(lineOf(practice, ".exec()"));
    // A second run is a new run: it starts from the whole run and drops the param.
    expect(await runAndWait(page)).toBe("ok");
    await expect(stepText(page)).toContainText(/Whole run/);
    await expect(page).not.toHaveURL(/step=/);
  });

  test("selecting a chip highlights the learner's line in the editor", async ({ page }) => {
    await runStagedConflict(page, "editable");
    const get = lanes(page).getByRole("button", { name: /^B, line \d+: GET balance:1, reply "100"$/ });
    await get.click();
    await expect(get).toHaveAttribute("aria-pressed", "true");
    const line = lineOf(practice, "conn.get(key)");
    await expect.poll(() => highlightedLine(page)).toEqual({ line, text: expect.stringContaining("conn.get(key)") });
    await expect(page.getByRole("region", { name: "Details of the selected event" })).toContainText(`${line}`);
    // Clicking it again deselects it and clears the highlight.
    await get.click();
    await expect.poll(() => highlightedLine(page)).toBeNull();
  });

  test("copies the run as text and downloads it as JSON", async ({ browser }) => {
    const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
    const page = await context.newPage();
    const tl = await runStagedConflict(page);
    await tl.getByRole("button", { name: "Copy as text" }).click();
    await expect(tl.getByRole("status")).toHaveText(/^Copied \d+ lines$/);
    const text = await page.evaluate(() => navigator.clipboard.readText());
    const lines = text.trimEnd().split("\n");
    expect(lines.length).toBe(Number(/Copied (\d+)/.exec((await tl.getByRole("status").textContent()) ?? "")?.[1]));
    expect(text).toMatch(/\[B line \d+\] "WATCH" "balance:1"/);
    expect(text).toMatch(/\[C\] "INCRBY" "balance:1" "7"/);
    expect(text).toMatch(/"EXEC" # aborted: WatchError \(seq \d+ changed balance:1\)/);
    expect(text).toContain("[end] ok");

    const [download] = await Promise.all([page.waitForEvent("download"), tl.getByRole("button", { name: "Download JSON" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    const trace = JSON.parse(await readFile((await download.path())!, "utf8"));
    expect(trace.version).toBe(1);
    expect(trace.clients.map((c: { id: string }) => c.id)).toEqual(["A", "B", "C"]);
    expect(trace.events).toHaveLength(lines.length);
    expect(trace.events.filter((e: { name?: string; outcome?: string }) => e.name === "EXEC").map((e: { outcome?: string }) => e.outcome)).toEqual(["aborted", "committed"]);
    await context.close();
  });
});

/** The busy writer's last writes fold near the end of a race; the lanes mount only rows in view. */
async function showRaceEnd(page: Page): Promise<void> {
  await lanes(page).press("End");
  await expect(stepText(page)).toContainText(/Step (\d+) of \1/);
  await timeline(page).getByRole("button", { name: "Whole run" }).click();
}

test("a race folds the busy writer's repeated commands into one row that expands", async ({ page }) => {
  await openUnit(page, race, "runnable");
  // How the race interleaves varies run to run (B may retry until the writer's last write, and
  // then nothing repeats). A few more writes after it make the folded row certain.
  const tail = 'for (let i = 0; i < 5; i++) await redis.incrby("score:1", 50);\n';
  const code = race.starter.replace(/^console\.log\(`Final score/m, (line) => `${tail}${line}`);
  expect(code).not.toBe(race.starter);
  await setCode(page, code);
  expect(await runAndWait(page)).toBe("ok");
  await showRaceEnd(page);
  const inLanes = lanes(page);
  const expand = inLanes.getByRole("button", { name: /^Show all \d+ commands of this group$/ }).first();
  await expect(expand).toBeVisible();
  const n = Number(/Show all (\d+)/.exec((await expand.getAttribute("aria-label")) ?? "")?.[1]);
  expect(n).toBeGreaterThanOrEqual(3);
  const folded = inLanes.getByRole("button", { name: new RegExp(`^\\w: INCRBY score:1 50, ${n} times`) }).first();
  await expect(folded).toContainText(`× ${n}`);
  await expand.click();
  const fold = inLanes.getByRole("button", { name: `Fold the ${n} repeated commands again` });
  await expect(fold).toHaveAttribute("aria-expanded", "true");
  await expect(folded).toHaveCount(0);
  // The group's first command now has its own row, with the next ones below it.
  const rows = fold.locator("xpath=ancestor::*[@data-row-kind][1]");
  const label = await rows.getByRole("button", { name: /^Go to step \d+$/ }).getAttribute("aria-label");
  const first = Number(/\d+$/.exec(label ?? "")?.[0]);
  await expect(inLanes.getByRole("button", { name: `Go to step ${first + 2}` })).toBeVisible();
  await expect(inLanes.getByRole("button", { name: /^\w, line \d+: INCRBY score:1 50, reply \d+$/ }).nth(2)).toBeAttached();
  await fold.click();
  await expect(inLanes.getByRole("button", { name: `Show all ${n} commands of this group` }).first()).toBeVisible();
});

/** The same view in both themes: the page follows the system's theme while open (theme.ts). */
async function screenshotBothThemes(page: Page, target: Locator, name: string): Promise<void> {
  for (const scheme of ["light", "dark"] as const) {
    await switchSystemTheme(page, scheme);
    await target.screenshot({ path: path.join(DIR, `${name}-${scheme}.png`), animations: "disabled" });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("timeline screenshots of a staged conflict and a step, light and dark", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const tl = await runStagedConflict(page);
  await expect(tl.getByTestId("conflict-arrows").locator("[data-exec-seq]")).toHaveCount(1);
  await lanes(page).getByRole("button", { name: /: EXEC, returned null: WatchError/ }).click();
  await expect(page.getByRole("region", { name: "Details of the selected event" })).toBeVisible();
  await screenshotBothThemes(page, tl, "timeline-conflict");
  await tl.getByRole("button", { name: "Next step" }).click();
  for (let i = 0; i < 4; i++) await lanes(page).press("ArrowRight");
  await expect(stepText(page)).toContainText("Step 5 of");
  await screenshotBothThemes(page, tl, "timeline-step");
});

// Apart from the staged conflict's, so that each test stays far from its timeout.
test("timeline screenshot of a race's end, light and dark", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openUnit(page, race, "runnable");
  expect(await runAndWait(page)).toBe("ok");
  await showRaceEnd(page);
  await screenshotBothThemes(page, timeline(page), "timeline-race");
});
