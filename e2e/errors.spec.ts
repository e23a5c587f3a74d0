import { expect, test } from "@playwright/test";
import { getCode, openUnit, outputLines, runAndWait, setCode, unitOfKind } from "./helpers";

const lesson = unitOfKind("lesson");
const exercise = unitOfKind("exercise");

test("a runaway loop shows the runner's limit message and the page keeps working", async ({ page }) => {
  await openUnit(page, lesson, "runnable");
  await setCode(page, "let n = 0;\nwhile (true) {\n  n++;\n}\n");
  expect(await runAndWait(page)).not.toBe("ok");
  const error = page.getByTestId("run-error");
  await expect(error).toHaveAttribute("data-code", /^(cpu_limit|timeout)$/);
  await expect(error).not.toContainText("/work/");
  // Same page, next run: fine again.
  await setCode(page, lesson.starter);
  expect(await runAndWait(page)).toBe("ok");
  expect(await outputLines(page)).toContain(lesson.expected.outputIncludes[0]);
});

test("code over 64 KB is refused with a clear message, before running", async ({ page }) => {
  await openUnit(page, lesson, "runnable");
  await setCode(page, `// ${"x".repeat(70 * 1024)}\n`);
  expect(await runAndWait(page)).toBe("error");
  await expect(page.getByTestId("run-error")).toHaveAttribute("data-code", "code_limit");
  await expect(page.getByTestId("run-error")).toContainText("64 KB");
});

test("an import other than ioredis is explained", async ({ page }) => {
  await openUnit(page, lesson, "runnable");
  await setCode(page, 'import fs from "node:fs";\nconsole.log(fs);\n');
  expect(await runAndWait(page)).toBe("error");
  await expect(page.getByTestId("run-error")).toHaveAttribute("data-code", "forbidden_import");
  await expect(page.getByTestId("run-error")).not.toContainText("/work/");
});

test("an exercise reveals its solution only after asking, and keeps the learner's code until chosen", async ({ page }) => {
  await openUnit(page, exercise, "runnable");
  await setCode(page, "// my attempt\n");
  await page.getByTestId("reveal-solution").click();
  const dialog = page.getByRole("dialog", { name: "Show a solution?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Show the solution" }).click();
  await expect(page.getByTestId("solution")).toContainText(exercise.solution?.split("\n")[0] ?? "");
  expect(await getCode(page)).toBe("// my attempt\n");
  await page.getByTestId("use-solution").click();
  await expect.poll(() => getCode(page)).toBe(exercise.solution);
});
