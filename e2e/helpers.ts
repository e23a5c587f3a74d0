import { expect, type Page } from "@playwright/test";
import type {} from "../components/editor/test-hook";
import { loadCourse } from "../lib/lessons/loader";
import type { Unit } from "../lib/lessons/types";
import { holdBackEditor } from "./hold-editor";

/** The course as the app sees it: expectations come from the content, never from the tests. */
export const course: Unit[] = loadCourse();

export function unitOfKind(kind: Unit["kind"]): Unit {
  const unit = course.find((u) => u.kind === kind);
  if (!unit) throw new Error(`the course has no ${kind} unit`);
  return unit;
}

/**
 * How far a unit page must be before a test goes on: "editable" = Monaco has taken over (its test
 * hook says so); "runnable" = the page is hydrated, so Run works on the code the server-rendered
 * view shows and the test hook sets that code. openUnit and openUnitFromCourse hold Monaco back
 * for "runnable" (hold-editor.ts): such a test never looks at the editor.
 */
export type UnitReadiness = "editable" | "runnable";

export async function waitForEditor(page: Page, until: UnitReadiness = "editable"): Promise<void> {
  if (until === "editable") await page.waitForFunction(() => window.__playground?.editable === true, null, { timeout: 30_000 });
  else await page.waitForFunction(() => window.__playground !== undefined, null, { timeout: 30_000 });
}

export async function openUnit(page: Page, unit: Unit, until: UnitReadiness = "editable"): Promise<void> {
  if (until === "runnable") await holdBackEditor(page);
  await page.goto(`/lessons/${unit.slug}`);
  await waitForEditor(page, until);
}

export async function openUnitFromCourse(page: Page, unit: Unit, until: UnitReadiness = "editable"): Promise<void> {
  if (until === "runnable") await holdBackEditor(page);
  await page.goto("/");
  await page.getByTestId(`unit-link-${unit.slug}`).click();
  await expect(page).toHaveURL(new RegExp(`/lessons/${unit.slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: unit.title })).toBeVisible();
  await waitForEditor(page, until);
}

export async function setCode(page: Page, code: string): Promise<void> {
  await page.evaluate((c) => window.__playground?.setCode(c), code);
}

export async function getCode(page: Page): Promise<string> {
  return page.evaluate(() => window.__playground?.getCode() ?? "");
}

/** Clicks Run (or a scenario button) and waits until that run's result is on the page. */
export async function runAndWait(page: Page, buttonTestId = "run-button"): Promise<string> {
  const result = page.getByTestId("run-result");
  const before = Number(await result.getAttribute("data-runs"));
  await page.getByTestId(buttonTestId).click();
  const done = page.locator(`[data-testid="run-result"][data-runs="${before + 1}"]:not([data-state="running"])`);
  await expect(done).toHaveCount(1, { timeout: 45_000 });
  return (await result.getAttribute("data-state")) ?? "";
}

/** Console output as shown on the page, one entry per line. */
export async function outputLines(page: Page): Promise<string[]> {
  const text = (await page.getByTestId("run-output").textContent()) ?? "";
  return text.split("\n").map((l) => l.trim());
}

export async function finalState(page: Page): Promise<Record<string, string>> {
  const rows = page.getByTestId("final-state").locator("[data-key]");
  const out: Record<string, string> = {};
  for (const row of await rows.all()) {
    out[(await row.getAttribute("data-key")) ?? ""] = (await row.getAttribute("data-value")) ?? "";
  }
  return out;
}

/** Index of each expected line in `lines`, searched in order; -1 once one is missing. */
export function inOrder(expected: string[], lines: string[]): number[] {
  let at = 0;
  return expected.map((want) => {
    while (at < lines.length && !(lines[at] ?? "").includes(want)) at += 1;
    return at < lines.length ? at++ : -1;
  });
}

/** `<html>` wears the theme asked for (the `dark` class, which CSS and Monaco follow). */
export async function expectPageTheme(page: Page, scheme: "light" | "dark"): Promise<void> {
  if (scheme === "dark") await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  else await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
}

/** The system switches theme; an open page with no theme picked follows it (components/ui/theme.ts). */
export async function switchSystemTheme(page: Page, scheme: "light" | "dark"): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await expectPageTheme(page, scheme);
}
