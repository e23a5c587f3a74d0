import { expect, test, type Page } from "@playwright/test";
import { course, getCode, openUnit, runAndWait, setCode, unitOfKind, waitForEditor } from "./helpers";

const lesson = unitOfKind("lesson");
// How long the TypeScript worker may take to report: a few seconds on a quiet machine, over 20 s
// once seen with the 2 cores eight times oversubscribed (the same as csp.spec allows).
const TS_REPORTS_WITHIN = 30_000;

async function markers(page: Page) {
  return page.evaluate(() => window.__playground?.getMarkers() ?? []);
}

async function editorHasFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="code-editor"]')));
}

test("the learner's code survives a reload", async ({ page }) => {
  await openUnit(page, lesson);
  expect(await getCode(page)).toBe(lesson.starter);
  const mine = `// my experiment\n${lesson.starter}`;
  await setCode(page, mine);
  await page.reload();
  await waitForEditor(page);
  expect(await getCode(page)).toBe(mine);
});

test("reset asks first, then restores the starter", async ({ page }) => {
  await openUnit(page, lesson);
  await setCode(page, "// scratch\n");
  await page.getByTestId("reset-button").click();
  const dialog = page.getByRole("dialog", { name: "Reset to the starter code?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await getCode(page)).toBe("// scratch\n");

  await page.getByTestId("reset-button").click();
  await page.getByRole("dialog").getByRole("button", { name: "Reset" }).click();
  await expect.poll(() => getCode(page)).toBe(lesson.starter);
  await page.reload();
  await waitForEditor(page);
  expect(await getCode(page)).toBe(lesson.starter);
});

// Both on one page: the TypeScript worker, the slow part, starts once.
test("a forbidden command is a type error in the editor and refused by the runner: redis.keys, redis.flushall", async ({ page }) => {
  await openUnit(page, lesson);
  for (const call of ['redis.keys("*")', "redis.flushall()"]) {
    await setCode(page, `import Redis from "ioredis";\nconst redis = new Redis();\nawait ${call};\nawait redis.quit();\n`);
    await expect
      .poll(async () => (await markers(page)).filter((m) => m.owner !== "run" && m.severity === "error" && m.line === 3).map((m) => m.message).join(), {
        message: call,
        timeout: TS_REPORTS_WITHIN,
      })
      .toContain(call.slice("redis.".length, call.indexOf("(")));
    await expect(page.locator(".monaco-editor .squiggly-error").first()).toBeVisible();

    expect(await runAndWait(page), call).not.toBe("ok");
    await expect(page.getByTestId("run-error")).toBeVisible();
    await expect(page.getByTestId("run-error")).not.toContainText("/work/");
  }
});

// Every unit's starter and solution, checked in one editor: the type checker's program is the
// same on every unit page (one model, the sandbox's one d.ts), so one TypeScript worker serves all.
// Each version gets a probe line naming an unknown identifier of its own. The check passes only
// when that probe's error, and nothing else, is reported: the checker has seen this very text
// (not the previous one) and found nothing wrong with the unit's code.
test("the editor's type checker accepts every unit's starter and solution", async ({ page }) => {
  await openUnit(page, lesson);
  const versions = course.flatMap((unit) => [
    { name: `${unit.order}. starter`, code: unit.starter },
    ...(unit.solution ? [{ name: `${unit.order}. solution`, code: unit.solution }] : []),
  ]);
  for (const [i, { name, code }] of versions.entries()) {
    const probe = `typeCheckProbe${i}`;
    await setCode(page, `${code}\n${probe};\n`);
    await expect
      .poll(async () => (await markers(page)).filter((m) => m.severity === "error").map((m) => m.message), { message: name, timeout: TS_REPORTS_WITHIN })
      .toEqual([`Cannot find name '${probe}'.`]);
  }
});

test("a syntax error is shown at its line", async ({ page }) => {
  await openUnit(page, lesson);
  await setCode(page, `import Redis from "ioredis";\nconst redis = new Redis();\nconst x = 1;\nconst y = (x + ;\nawait redis.quit();\n`);
  expect(await runAndWait(page)).toBe("error");
  await expect(page.getByTestId("run-error")).toHaveAttribute("data-code", "syntax");
  await expect(page.getByRole("button", { name: "Show line 4 in the editor" })).toBeVisible();
  await expect.poll(async () => (await markers(page)).some((m) => m.owner === "run" && m.line === 4)).toBe(true);
  await expect(page.locator(".monaco-editor .editor-error-line")).toHaveCount(1);
});

test("Ctrl+Enter runs the program from the editor", async ({ page }) => {
  await openUnit(page, lesson);
  await page.locator(".monaco-editor .view-lines").click();
  const result = page.getByTestId("run-result");
  await page.keyboard.press("Control+Enter");
  await expect(result).toHaveAttribute("data-runs", "1", { timeout: 45_000 });
  await expect(result).toHaveAttribute("data-state", "ok", { timeout: 45_000 });
});

test("keyboard users can leave the editor: Esc then Tab", async ({ page }) => {
  await openUnit(page, lesson);
  await expect(page.getByTestId("tab-hint")).toContainText("Esc");
  await page.locator(".monaco-editor .view-lines").click();
  expect(await editorHasFocus(page)).toBe(true);
  await page.keyboard.press("Tab");
  expect(await editorHasFocus(page), "a plain Tab indents and stays in the editor").toBe(true);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  expect(await editorHasFocus(page)).toBe(false);
  await expect(page.getByTestId("run-button")).toBeFocused();
});

test("keyboard users can leave the editor: Ctrl+M then Tab", async ({ page }) => {
  await openUnit(page, lesson);
  await expect(page.getByTestId("tab-hint")).toContainText("Ctrl+M");
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+m");
  await page.keyboard.press("Tab");
  expect(await editorHasFocus(page)).toBe(false);
});
