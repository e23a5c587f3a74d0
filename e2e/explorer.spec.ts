/**
 * The schedule explorer as a learner: two concurrent updateLikes calls (unit 5's solution, made
 * concurrent) interleaved by hand so both read before either EXECs; WATCH aborts the second
 * EXEC with its cause and the retry commits; Undo and the other order match a fresh run of that
 * order; the link replays the same schedule in another browser; predict mode asks and scores.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { course, openUnit, setCode } from "./helpers";

const unit = course.find((u) => u.slug === "update-likes")!;
const key = unit.inspectKeys[0]!;
const start = Number(unit.setup.find((c) => c[0] === "SET" && c[1] === key)?.[2]);
const increment = 15;

const explorer = (page: Page) => page.getByTestId("explorer");
const srList = (page: Page) => page.getByRole("list", { name: "Timeline of this schedule as a list, in order" });
const value = (page: Page) => page.getByTestId("explore-values").locator(`[data-key="${key}"]`);

/** Presses a lane's number key and waits for the schedule to grow by that letter. */
async function step(page: Page, lane: string, how: "key" | "click" = "key") {
  const before = (await explorer(page).getAttribute("data-choices")) ?? "";
  if (how === "key") await page.keyboard.press(String(lane.charCodeAt(0) - 64));
  else await page.getByTestId(`lane-${lane}`).click();
  await expect(explorer(page)).toHaveAttribute("data-choices", before + lane);
  await expect(explorer(page)).toHaveAttribute("data-busy", "false");
}

/** Opens the explorer on the unit at `schedule` and waits until that schedule's run is on the page. */
async function open(page: Page, schedule = "") {
  await page.goto(`/race/explore?unit=${unit.slug}${schedule ? `&schedule=${schedule}` : ""}`);
  await expect(explorer(page)).toHaveAttribute("data-choices", schedule);
  await expect(page.getByTestId("lane-B")).toHaveAttribute("data-next", schedule ? /.+/ : "WATCH");
}

test("interleave two updateLikes calls by hand: both read, the second EXEC aborts with its cause, the retry commits; undo and the other order match a fresh run", async ({ page, browser, baseURL }) => {
  await open(page);
  await expect(page.getByTestId("lane-C")).toHaveAttribute("data-next", "WATCH");
  await expect(page.getByTestId("lanes-announcement")).toContainText("B next: WATCH likes:99");
  // Both watch and read before either EXECs.
  await step(page, "B");
  await step(page, "C", "click");
  await step(page, "B");
  await step(page, "C");
  await expect(page.getByTestId("lane-B")).toHaveAttribute("data-exec", "true");
  await expect(page.getByTestId("watch-C").locator(`[data-key="${key}"]`)).toHaveAttribute("data-state", "clean");
  await step(page, "B");
  // B's commit dirtied what C watches: the panel says who, and at which step.
  await expect(page.getByTestId("watch-C").locator(`[data-key="${key}"]`)).toHaveAttribute("data-state", "dirty");
  await expect(page.getByTestId("watch-C")).toContainText("changed by B at step 5");
  await step(page, "C");
  await expect(srList(page)).toContainText(`Why: B changed ${key} after C watched it, so C's EXEC was aborted.`);
  await expect(page.getByTestId("lost-update")).toHaveCount(0);

  // Undo twice: both have read again; now C goes first, B's EXEC is aborted and B retries.
  await page.getByTestId("explore-undo").click();
  await expect(explorer(page)).toHaveAttribute("data-choices", "BCBCB");
  await page.keyboard.press("u");
  await expect(explorer(page)).toHaveAttribute("data-choices", "BCBC");
  await expect(page.getByTestId("watch-C").locator(`[data-key="${key}"]`)).toHaveAttribute("data-state", "clean");
  for (const lane of ["C", "B", "B", "B", "B"]) await step(page, lane);
  await expect(srList(page)).toContainText(`Why: C changed ${key} after B watched it, so B's EXEC was aborted.`);
  await expect(value(page)).toHaveAttribute("data-value", String(start + 2 * increment));
  await expect(page).toHaveURL(/[?&]schedule=BCBCCBBBB(&|$)/);
  const timeline = await srList(page).textContent();

  // The same order run fresh, and the link opened in a second browser, give the same run.
  const other = await browser.newContext({ baseURL });
  const fresh = await other.newPage();
  await fresh.goto(page.url());
  await expect(explorer(fresh)).toHaveAttribute("data-choices", "BCBCCBBBB");
  await expect(value(fresh)).toHaveAttribute("data-value", String(start + 2 * increment));
  await expect(srList(fresh)).toHaveText(timeline ?? "");
  await fresh.keyboard.press("u");
  await expect(explorer(fresh)).toHaveAttribute("data-choices", "BCBCCBBB");
  await other.close();
});

test("predict mode asks before each EXEC, reveals the outcome with its reason, and keeps the score", async ({ page }) => {
  await open(page, "BCBC");
  await page.getByTestId("predict-toggle").check();
  await expect(page.getByTestId("predict-score")).toHaveAttribute("data-asked", "0");
  await page.keyboard.press("2");
  await expect(page.getByTestId("predict-question")).toContainText("Will B's EXEC commit?");
  // Asked first: nothing ran yet.
  await expect(explorer(page)).toHaveAttribute("data-choices", "BCBC");
  await page.getByTestId("predict-yes").click();
  await expect(page.getByTestId("predict-reveal")).toHaveAttribute("data-right", "true");
  await expect(page.getByTestId("predict-reveal")).toContainText("B's EXEC committed");
  await page.keyboard.press("3");
  await expect(page.getByTestId("predict-question")).toContainText("Will C's EXEC commit?");
  await page.keyboard.press("y");
  await expect(page.getByTestId("predict-reveal")).toHaveAttribute("data-right", "false");
  await expect(page.getByTestId("predict-reveal")).toContainText(`C's EXEC was aborted - B changed ${key} after C watched it`);
  await expect(page.getByTestId("predict-score")).toHaveAttribute("data-right", "1");
  await expect(page.getByTestId("predict-score")).toHaveAttribute("data-asked", "2");
  // A step that is not an EXEC goes at once, without a question.
  await page.keyboard.press("3");
  await expect(explorer(page)).toHaveAttribute("data-choices", "BCBCBCC");
  await expect(page.getByTestId("predict-question")).toHaveCount(0);
});

test("a program that writes without WATCH loses an update, and the page names it with the two reads", async ({ page }) => {
  const noWatch = unit.solution!.replace(/\n\s*await conn\.watch\(key\);/, "");
  expect(noWatch).not.toContain("watch(");
  await page.goto(`/race/explore?unit=${unit.slug}`);
  await expect(page.getByTestId("lane-B")).toHaveAttribute("data-next", "WATCH");
  await page.getByTestId("program-form").locator("summary").click();
  await page.getByTestId("explore-source").fill(noWatch.replace("await updateLikes(99, 15);", "await Promise.all([updateLikes(99, 15), updateLikes(99, 15)]);"));
  await page.getByTestId("explore-apply").click();
  await expect(page.getByTestId("lane-B")).toHaveAttribute("data-next", "GET");
  for (const lane of ["B", "C", "B", "C"]) await step(page, lane);
  const lost = page.getByTestId("lost-update");
  await expect(lost).toContainText("Lost update");
  await expect(lost.locator(`li[data-client="B"][data-value="${start}"]`)).toContainText(`B read ${key} = ${start} at step 1`);
  await expect(lost.locator(`li[data-client="C"][data-value="${start}"]`)).toContainText(`C read ${key} = ${start} at step 2`);
  await expect(value(page)).toHaveAttribute("data-value", String(start + increment));
  // The edited code is part of the link.
  await expect(page).toHaveURL(/[?&]code=/);
});

test("keyboard and screen readers: lanes are buttons that announce their next command, Enter steps, no serious axe violations", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await open(page, "BC");
  await expect(page.getByTestId("lane-B")).toHaveAccessibleName(/^B, duplicate\(\) on line \d+: next GET likes:99 on line \d+\. Press 2 to let it go\.$/);
  await expect(page.getByTestId("lanes-announcement")).toHaveText(/^After 2 steps\. B next: GET likes:99\. C next: GET likes:99\.$/);
  await page.getByTestId("lane-C").focus();
  await page.keyboard.press("Enter");
  await expect(explorer(page)).toHaveAttribute("data-choices", "BCC");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).setLegacyMode().analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});

test("a failing check's shortest schedule opens in the explorer as the same run, at the lost update", async ({ page }) => {
  const noWatch = readFileSync("lib/lessons/fixtures/update-likes/no-watch-explored.ts", "utf8");
  await openUnit(page, unit, "runnable");
  await setCode(page, noWatch);
  await page.getByTestId("check-button").click();
  const showMe = page.getByTestId("show-me-schedule");
  await expect(showMe).toBeVisible({ timeout: 45_000 });
  const href = new URL((await showMe.getAttribute("href")) ?? "", "http://x");
  const schedule = href.searchParams.get("schedule") ?? "";
  expect(schedule).toMatch(/^[A-Z]+$/);
  expect(href.searchParams.get("calls")).toBe("1");
  await showMe.click();
  await expect(page).toHaveURL(/\/race\/explore\?/);
  await expect(explorer(page)).toHaveAttribute("data-choices", schedule);
  await expect(page.getByTestId("lost-update")).toContainText("Lost update");
  // The timeline opens at the write that lost the update.
  await expect(page).toHaveURL(/[?&]step=\d+/);
  await expect(page.getByRole("group", { name: "Step through the run" })).toContainText(/Step \d+ of \d+/);
});
