/**
 * Shared runs: a link made on one app instance opens the same run, at the same step, in a fresh
 * browser served by a second instance (both on the same Redis); an unknown link says so.
 */
import { startSecondInstance, type SecondInstance } from "./second-instance";
import { expect, test } from "@playwright/test";
import { course, runAndWait, waitForEditor } from "./helpers";
import { holdBackEditor } from "./hold-editor";

const unit = course.find((u) => u.slug === "observe-balance")!;
const OTHER_PORT = Number(process.env.E2E_SHARE_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 7);
const OTHER = `http://127.0.0.1:${OTHER_PORT}`;
const execLine = unit.starter.split("\n").findIndex((l) => l.includes(".exec()")) + 1;

test.describe("a shared run on a second instance", () => {
  test.describe.configure({ mode: "serial" });
  let other: SecondInstance | undefined;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    other = await startSecondInstance(OTHER_PORT);
  });

  test.afterAll(() => {
    other?.stop();
  });

  test("Share this run gives a link that opens the same step for anyone, elsewhere", async ({ page, browser }) => {
    // A run, a share and a second browser on another instance: minutes on a machine under load.
    test.setTimeout(180_000);
    // The run is what is shared: the editor plays no part here.
    await holdBackEditor(page);
    await page.goto(`/lessons/${unit.slug}`);
    await waitForEditor(page, "runnable");
    expect(await runAndWait(page, "scenario-staged-conflict")).toBe("ok");
    const tl = page.getByRole("group", { name: "Timeline", exact: true });
    const aborted = tl.getByRole("button", { name: /EXEC, returned null: WatchError/ });
    const step = Number((await aborted.locator("xpath=ancestor::*[@data-row-kind][1]").getByRole("button", { name: /^Go to step \d+$/ }).getAttribute("aria-label"))!.match(/\d+$/)![0]);
    await tl.getByRole("button", { name: `Go to step ${step}` }).click();
    const total = Number(/of (\d+)/.exec((await tl.getByRole("group", { name: "Step through the run" }).textContent()) ?? "")![1]);

    await tl.getByTestId("share-run").click();
    const url = await tl.getByTestId("share-url").inputValue();
    expect(url).toMatch(new RegExp(`/runs/[A-Za-z0-9_-]{24}\\?step=${step}$`));
    const path = new URL(url).pathname + new URL(url).search;

    const fresh = await browser.newContext();
    const viewer = await fresh.newPage();
    const problems: string[] = [];
    viewer.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    viewer.on("pageerror", (e) => problems.push(String(e)));
    await viewer.goto(`${OTHER}${path}`);
    const shared = viewer.getByRole("group", { name: "Transaction timeline" });
    await expect(viewer.getByRole("heading", { level: 1 })).toContainText(unit.title);
    await expect.poll(() => problems).toEqual([]);
    await expect(shared.getByRole("group", { name: "Step through the run" })).toContainText(`Step ${step} of ${total}`);
    await expect(shared.getByRole("button", { name: /EXEC, returned null: WatchError/ })).toHaveAttribute("aria-current", "step");
    // The program comes with it, its line marked.
    await expect(viewer.getByTestId("shared-code").locator(`[data-line="${execLine}"]`)).toHaveAttribute("aria-current", "true");
    await expect(viewer.getByTestId("run-status")).toContainText("staged race");
    expect(problems).toEqual([]);
    await fresh.close();
  });

  test("an unknown or expired link says so plainly", async ({ page }) => {
    const res = await page.goto(`${OTHER}/runs/${"A".repeat(24)}?step=3`);
    expect(res?.status()).toBe(404);
    await expect(page.getByTestId("shared-run-missing")).toContainText("This run link has expired or does not exist");
    await expect(page.getByTestId("shared-run-missing")).toContainText("24 hours");
  });
});
