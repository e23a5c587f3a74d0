/**
 * The explorer as an instructor: the presenter steps, the audience link - served by a second
 * app instance, through Redis - follows within a second, and the client letters agree across
 * the lanes, the keys and the outcome text on both screens.
 */
import { expect, test, type Page } from "@playwright/test";
import { course } from "./helpers";
import { startSecondInstance, type SecondInstance } from "./second-instance";

const unit = course.find((u) => u.slug === "update-likes")!;
const key = unit.inspectKeys[0]!;
const OTHER_PORT = Number(process.env.E2E_EXPLORE_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 2);
const OTHER = `http://127.0.0.1:${OTHER_PORT}`;
/** What "follows live" means here. */
const FOLLOW_MS = 1000;

let other: SecondInstance | undefined;
test.beforeAll(async () => {
  test.setTimeout(90_000);
  other = await startSecondInstance(OTHER_PORT);
});
test.afterAll(() => other?.stop());

const choices = (page: Page) => page.getByTestId("explorer");
const following = (page: Page) => page.getByTestId("explore-audience");

test("presenter steps; the audience link on another instance follows within a second, with the same letters", async ({ page, browser }) => {
  await page.goto(`/race/explore?unit=${unit.slug}`);
  await expect(page.getByTestId("lane-B")).toHaveAttribute("data-next", "WATCH");
  await page.getByTestId("explore-present").click();
  const session = (await page.getByTestId("presenting").getAttribute("data-session")) ?? "";
  expect(session).toMatch(/^[A-Za-z0-9_-]{18}$/);
  await expect(page.getByTestId("explore-audience-link")).toHaveAttribute("href", `/race/explore/${session}`);

  const room = await browser.newContext();
  const audience = await room.newPage();
  await audience.goto(`${OTHER}/race/explore/${session}`);
  await expect(following(audience)).toHaveAttribute("data-follow", "live");
  await expect(audience.getByTestId("lane-B")).toHaveAttribute("data-next", "WATCH");
  // The audience controls nothing.
  await expect(audience.getByTestId("lane-B")).toBeDisabled();
  await expect(audience.getByTestId("explore-undo")).toHaveCount(0);

  for (const lane of ["B", "C", "B", "C", "B", "C"]) {
    const before = (await choices(page).getAttribute("data-choices")) ?? "";
    await page.keyboard.press(String(lane.charCodeAt(0) - 64));
    await expect(choices(page)).toHaveAttribute("data-choices", before + lane);
    await expect(following(audience)).toHaveAttribute("data-choices", before + lane, { timeout: FOLLOW_MS });
  }
  // One naming: the lane that was aborted is C on the presenter's lanes, the audience's, and in both outcome texts.
  const why = `Why: B changed ${key} after C watched it, so C's EXEC was aborted.`;
  for (const p of [page, audience]) {
    await expect(p.getByRole("list", { name: "Timeline of this schedule as a list, in order" })).toContainText(why);
    await expect(p.getByTestId("lane-C")).toHaveAttribute("data-next", "WATCH");
    await expect(p.getByTestId("watch-C")).toContainText("C watches nothing");
    await expect(p.getByTitle("C: duplicate() on line 7")).toBeVisible();
  }
  await expect(page.getByTestId("lane-C")).toHaveAttribute("aria-keyshortcuts", "3");

  // Undo reaches the audience too.
  await page.getByTestId("explore-undo").click();
  await expect(choices(page)).toHaveAttribute("data-choices", "BCBCB");
  await expect(following(audience)).toHaveAttribute("data-choices", "BCBCB", { timeout: FOLLOW_MS });
  await room.close();
});
