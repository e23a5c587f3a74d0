/**
 * The race lab end to end: an instructor steps a real run, the audience link follows it live,
 * and a second app instance (started here) serves and controls the same run through Redis.
 */
import { startSecondInstance, type SecondInstance } from "./second-instance";
import { expect, test, type Page } from "@playwright/test";
import { course } from "./helpers";

const unit = course.find((u) => u.slug === "watch-basics") ?? course[0]!;
const OTHER_PORT = Number(process.env.E2E_RACE_PORT ?? 3101);
const OTHER = `http://127.0.0.1:${OTHER_PORT}`;

const status = (page: Page) => page.getByTestId("run-status");
const outcomes = (page: Page) => page.getByTestId("exec-outcomes").locator("li");

async function startStepRun(page: Page): Promise<string> {
  await page.goto("/race");
  await page.getByTestId("mode-step").check();
  await page.getByTestId("unit-select").selectOption(unit.slug);
  await page.getByTestId("b-key").fill("balance:1");
  await page.getByTestId("b-value").fill("10");
  await page.getByTestId("start-race").click();
  await page.waitForURL(/\/race\/race-[A-Za-z0-9_-]+$/);
  return new URL(page.url()).pathname.split("/")[2]!;
}

test.describe("step mode, audience link and a second instance", () => {
  test.describe.configure({ mode: "serial" });
  let other: SecondInstance | undefined;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    other = await startSecondInstance(OTHER_PORT);
  });

  test.afterAll(() => {
    other?.stop();
  });

  test("step A through WATCH and GET, B writes, EXEC aborts, the retry commits - live for the audience and across instances", async ({ page, browser, baseURL }) => {
    test.setTimeout(120_000);
    const runId = await startStepRun(page);
    await expect(page.getByTestId("key-legend")).toContainText("Step the program");
    await expect(status(page)).toHaveAttribute("data-pause", "WATCH");
    // One naming everywhere: the other client's letter is fixed from the start (the first lane),
    // and the paused lane's letter is the one the status, the button and the outcome use.
    await expect(page.getByTestId("other-writes")).toHaveAttribute("data-client", "A");
    await expect(page.getByTestId("other-writes")).toContainText("A (other client) writes now");
    await expect(page.getByTestId("key-legend")).toContainText("A (the other client) writes now");
    const lane = (await page.getByTestId("step-a").getAttribute("data-client")) ?? "";
    expect(lane).toMatch(/^[B-Z]$/);
    await expect(status(page)).toContainText(`Paused before ${lane}'s WATCH`);
    await expect(page.getByTestId("step-a")).toContainText(`Step ${lane} (program)`);
    await expect(page.getByTestId("timeline-summary")).toContainText(`No transaction yet: ${lane}'s WATCH is next.`);
    await expect(page.getByTitle("A: other client")).toBeVisible();
    await expect(page.getByTitle(`${lane}: program`)).toBeVisible();

    const audienceCtx = await browser.newContext({ baseURL });
    const audience = await audienceCtx.newPage();
    await audience.goto(`/race/${runId}/watch`);
    await expect(audience.getByTestId("race-controls")).toHaveCount(0);
    await expect(status(audience)).toHaveAttribute("data-pause", "WATCH");

    // Keys and buttons both drive the run.
    await page.keyboard.press("s");
    await expect(status(page)).toHaveAttribute("data-pause", "GET");
    await page.getByTestId("step-a").click();
    await expect(status(page)).toHaveAttribute("data-pause", "MULTI");
    await expect(status(audience)).toHaveAttribute("data-pause", "MULTI");

    await page.keyboard.press("w");
    await expect(audience.getByTestId("event-log")).toContainText("A sends INCRBY balance:1 10");
    await expect(status(page)).toHaveAttribute("data-pause", "MULTI");

    for (const next of ["SET", "EXEC"]) {
      await page.keyboard.press("s");
      await expect(status(page)).toHaveAttribute("data-pause", next);
    }
    await page.keyboard.press("s");
    await expect(outcomes(page).first()).toHaveAttribute("data-outcome", "aborted");
    await expect(outcomes(page).first()).toContainText(`${lane}'s EXEC: aborted`);
    await expect(outcomes(audience).first()).toHaveAttribute("data-outcome", "aborted");
    await expect(status(page)).toHaveAttribute("data-pause", "WATCH");

    // The same run, served and stepped by the other instance (the control cookie is per host).
    const elsewhere = await page.context().newPage();
    await elsewhere.goto(`${OTHER}/race/${runId}`);
    await expect(elsewhere.getByTestId("race-room")).toHaveAttribute("data-role", "presenter");
    await expect(status(elsewhere)).toHaveAttribute("data-pause", "WATCH");
    await elsewhere.getByTestId("step-a").click();
    await expect(status(elsewhere)).toHaveAttribute("data-pause", "GET");
    await expect(status(page)).toHaveAttribute("data-pause", "GET");
    await elsewhere.keyboard.press("r");

    for (const p of [page, audience, elsewhere]) {
      await expect(outcomes(p)).toHaveCount(2);
      await expect(outcomes(p).nth(1)).toHaveAttribute("data-outcome", "committed");
      await expect(status(p)).toHaveAttribute("data-result", "ok");
      await expect(p.getByTestId("final-values").locator('[data-key="balance:1"]')).toHaveAttribute("data-value", "160");
      // The labels did not change when the run ended.
      await expect(p.getByTitle("A: other client")).toBeVisible();
      await expect(p.getByTitle(`${lane}: program`)).toBeVisible();
    }
    // The audience page carries no presenter instructions.
    await expect(audience.getByTestId("step-prose")).toHaveCount(0);
    await expect(audience.getByTestId("key-legend")).toHaveCount(0);

    // Finished: replayable at its URL, with the step in the URL.
    await audience.goto(`/race/${runId}/watch?step=3`);
    await expect(audience.getByRole("group", { name: "Step through the run" })).toContainText("Step 3 of");
    await expect(audience).toHaveURL(/[?&]step=3/);
    await expect(outcomes(audience).nth(1)).toHaveAttribute("data-outcome", "committed");
    await audienceCtx.close();
  });

  test("an audience member cannot control a run", async ({ browser, baseURL }) => {
    const ctx = await browser.newContext({ baseURL });
    const page = await ctx.newPage();
    const runId = await startStepRun(page);
    const stranger = await browser.newContext({ baseURL });
    const res = await stranger.request.post(`/api/runs/${runId}/control`, { data: { type: "step" } });
    expect(res.status()).toBe(403);
    await page.keyboard.press("x");
    await expect(status(page)).toHaveAttribute("data-result", "error");
    await expect(page.getByTestId("run-error")).toContainText("stopped by the presenter");
    await ctx.close();
    await stranger.close();
  });
});

test("presenter mode: large type, prose hidden, keys documented; an unstepped run ends after its idle timeout", async ({ page }) => {
  await page.goto("/race");
  await page.getByTestId("idle-seconds").fill("5");
  await page.getByTestId("start-race").click();
  await page.waitForURL(/\/race\/race-/);
  await expect(page.getByTestId("race-prose")).toBeVisible();
  await page.keyboard.press("p");
  await expect(page.getByTestId("race-room")).toHaveAttribute("data-presenting", "true");
  await expect(page.getByTestId("race-prose")).toHaveCount(0);
  await expect(page.getByTestId("key-legend")).toContainText("(the other client) writes now");
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  expect(size).toBeGreaterThanOrEqual(20);
  await expect(page.getByTestId("run-error")).toContainText("Nobody stepped this run for 5 s", { timeout: 30_000 });
});

test("crowd: 50 clients on one key end with the exact value, and the chart shows attempts growing with contention", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/race");
  await page.getByTestId("mode-crowd").check();
  await page.getByTestId("crowd-clients").fill("50");
  await page.getByTestId("start-race").click();
  await page.waitForURL(/\/race\/race-/);
  const final = page.getByTestId("crowd-final");
  await expect(final).toHaveAttribute("data-exact", "true", { timeout: 90_000 });
  await expect(final).toHaveAttribute("data-value", "50");
  await expect(page.getByTestId("crowd-table").locator("tbody tr")).toHaveCount(50);
  // Compact lanes: all 50 clients readable at once, each with its attempts in order.
  await expect(page.getByTestId("crowd-lanes").locator("li")).toHaveCount(50);
  await expect(page.getByTestId("crowd-table")).toBeVisible();

  await page.goto("/race");
  await page.getByTestId("measure").click();
  const rows = page.getByTestId("contention-table").locator("tbody tr[data-clients]");
  await expect(rows).toHaveCount(6, { timeout: 150_000 });
  await expect(page.getByTestId("measure")).toBeEnabled({ timeout: 60_000 });
  const apc = await rows.evaluateAll((trs) => trs.map((tr) => [Number(tr.getAttribute("data-clients")), Number(tr.getAttribute("data-apc")), tr.getAttribute("data-exact")] as const));
  expect(apc.map(([k]) => k)).toEqual([1, 2, 5, 10, 20, 50]);
  expect(apc.every(([, , exact]) => exact === "true")).toBe(true);
  expect(apc[0]![1]).toBe(1);
  expect(apc[5]![1]).toBeGreaterThan(apc[2]![1]);
});
