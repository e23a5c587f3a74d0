/** A program too large to send gets a clear message, for Run and for Check, instead of "could not be reached". */
import { expect, test } from "@playwright/test";
import { openUnit, setCode, unitOfKind } from "./helpers";

const unit = unitOfKind("exercise");
// Over the 64 KB source cap.
const longProgram = `// ${"x".repeat(70 * 1024)}\nconsole.log("hi");\n`;
// Under the source cap, but each control character is six bytes once JSON-escaped: over the 256 KB request cap.
const escapedProgram = `// ${"\u0001".repeat(50 * 1024)}\nconsole.log("hi");\n`;

test("Run: a program over the size limits says it is too large to send", async ({ page }) => {
  await openUnit(page, unit, "runnable");
  for (const [code, kb] of [
    [longProgram, 64],
    [escapedProgram, 256],
  ] as const) {
    await setCode(page, code);
    await page.getByTestId("run-button").click();
    const error = page.getByTestId("run-error");
    await expect(error).toContainText(`Your program is too large to send (over ${kb} KB)`);
    await expect(error).toHaveAttribute("data-code", "code_limit");
    await expect(error).not.toContainText("could not be reached");
  }
});

test("Check: a program over the size limits says it is too large to send", async ({ page }) => {
  await openUnit(page, unit, "runnable");
  await setCode(page, escapedProgram);
  await page.getByTestId("check-button").click();
  await expect(page.getByTestId("check-results")).toContainText("Your program is too large to send (over 256 KB)");
});
