/**
 * Every kind of page under the real Content-Security-Policy: no violation and no console error
 * (the editor and its TypeScript worker loaded, a Run done, a race started, stepped and watched),
 * and the security headers on every response.
 */
import { expect, test, type Page, type Response } from "@playwright/test";
import { course, runAndWait, setCode, waitForEditor } from "./helpers";
import { delayEditor, untilHtml } from "./hold-editor";

declare global {
  interface Window {
    __reportCsp?: (line: string) => void;
  }
}

/** Every list this test collected: shown when a test fails elsewhere (a violation often breaks the page first). */
let seen: string[][] = [];
test.beforeEach(() => {
  seen = [];
});
test.afterEach(async ({}, info) => {
  const all = seen.flat();
  if (info.status !== info.expectedStatus && all.length) await info.attach("csp-and-console-problems", { body: all.join("\n"), contentType: "text/plain" });
});

/**
 * Collects CSP violations (the DOM event, reported through a binding so that violations on a
 * page the test navigated away from count too) and console errors. `expected404` is a page the
 * test opens on purpose: its own "404 (Not Found)" is the only console error allowed.
 */
async function watchProblems(page: Page, expected404?: string): Promise<string[]> {
  const problems: string[] = [];
  seen.push(problems);
  await page.exposeFunction("__reportCsp", (line: string) => problems.push(`CSP: ${line}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__reportCsp?.(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on("console", (m) => {
    const own404 = expected404 !== undefined && m.location().url.endsWith(expected404) && /status of 404/.test(m.text());
    if ((m.type() === "error" && !own404) || /Content Security Policy/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

function expectSecurityHeaders(res: Response | null, { frameable = false } = {}) {
  expect(res, "the page answered").not.toBeNull();
  const h = res!.headers();
  const csp = h["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  for (const d of ["object-src 'none'", "base-uri 'self'", "form-action 'self'", "connect-src 'self'"]) expect(csp).toContain(d);
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toContain(frameable ? "frame-ancestors *" : "frame-ancestors 'none'");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["x-powered-by"]).toBeUndefined();
}

/** Build files are content-hashed: cached for a year without revalidation, and never sniffed. */
function expectStaticHeaders(h: Record<string, string>) {
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["cache-control"]).toBe("public, max-age=31536000, immutable");
}

function expectClean(problems: string[]) {
  expect(problems).toEqual([]);
}

test("course index, health and 404 pass the CSP and carry the headers", async ({ page, request }) => {
  const problems = await watchProblems(page, "/lessons/no-such-unit");
  const index = await page.goto("/");
  expectSecurityHeaders(index);
  await expect(page.getByRole("list", { name: "Course units" })).toBeVisible();
  expectClean(problems);

  // The first visit gets its signed client id; a later one keeps it.
  // headers() leaves cookies out; allHeaders() has them.
  const cookie = (await index!.allHeaders())["set-cookie"] ?? "";
  expect(cookie).toMatch(/^pg_client=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+; Path=\/; Expires=[^;]+; Max-Age=31536000; HttpOnly; SameSite=lax$/i);
  const again = await page.goto("/");
  expect((await again!.allHeaders())["set-cookie"]).toBeUndefined();

  const health = await request.get("/api/health");
  expect(health.headers()["x-content-type-options"]).toBe("nosniff");
  expect(health.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  // Static files (the build's scripts, Monaco's among them) get the headers that need no nonce.
  const script = /<script[^>]+src="(\/_next\/static\/[^"]+)"/.exec(await (await request.get("/")).text())?.[1];
  expect(script, "the page names its scripts").toBeTruthy();
  const asset = await request.get(script!);
  expect(asset.ok()).toBe(true);
  expectStaticHeaders(asset.headers());

  const missing = await page.goto("/lessons/no-such-unit");
  expect(missing?.status()).toBe(404);
  expectSecurityHeaders(missing);
  await expect(page.getByRole("heading", { name: "There is no such page" })).toBeVisible();
  expectClean(problems);
});

test("the nonce is new for every request and on every script Next.js renders", async ({ request }) => {
  const a = await request.get("/");
  const b = await request.get("/");
  const nonce = (r: typeof a) => /'nonce-([^']+)'/.exec(r.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce(a)).toBeTruthy();
  expect(nonce(a)).not.toBe(nonce(b));
  const html = await a.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(1);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce(a)}"`);
});

/**
 * Opens a unit (with Monaco and its TypeScript worker, or on the code view only), runs its
 * solution (or starter) and checks every build file's headers.
 */
async function visitUnit(page: Page, unit: (typeof course)[number], withEditor: boolean) {
  // Every file the editor and its workers load comes from the build, cached as immutable.
  const assets: Promise<Record<string, string>>[] = [];
  const onResponse = (r: Response) => {
    if (new URL(r.url()).pathname.startsWith("/_next/static/")) assets.push(r.allHeaders());
  };
  page.context().on("response", onResponse);
  // Units without the editor are visited with it held (see untilHtml).
  const res = await page.goto(`/lessons/${unit.slug}`, withEditor ? undefined : untilHtml);
  expectSecurityHeaders(res);
  await waitForEditor(page, withEditor ? "editable" : "runnable");
  if (withEditor) {
    // A type error only the TypeScript worker can find: proves the worker started under the CSP.
    await setCode(page, `const n: number = "not a number";\n${unit.solution ?? unit.starter}`);
    await expect
      .poll(async () => (await page.evaluate(() => window.__playground?.getMarkers() ?? [])).some((m) => m.severity === "error" && m.line === 1), { timeout: 30_000 })
      .toBe(true);
  }
  await setCode(page, unit.solution ?? unit.starter);
  await runAndWait(page);
  page.context().off("response", onResponse);
  expect(assets.length, `${unit.slug} loaded build files`).toBeGreaterThan(withEditor ? 3 : 0);
  for (const h of await Promise.all(assets)) expectStaticHeaders(h);
}

const [firstUnit, ...otherUnits] = course;

test(`unit 1 (${firstUnit!.slug}): editor, its TypeScript worker and a Run pass the CSP`, async ({ page }) => {
  const problems = await watchProblems(page);
  await visitUnit(page, firstUnit!, true);
  expectClean(problems);
});

// Monaco and its worker are the same files on every unit page (proved above); what differs is
// the page itself (its HTML, inline scripts and styles) and the Run.
test(`units 2-${course.length}: the page and a Run pass the CSP`, async ({ page }) => {
  const problems = await watchProblems(page);
  const editor = await delayEditor(page);
  for (const unit of otherUnits) await visitUnit(page, unit, false);
  await page.goto("about:blank");
  editor.release();
  expectClean(problems);
});

test("race lab, a step run's presenter page and its watch page pass the CSP", async ({ page, context }) => {
  const problems = await watchProblems(page);
  expectSecurityHeaders(await page.goto("/race"));
  await page.getByTestId("mode-step").check();
  await page.getByTestId("start-race").click();
  await page.waitForURL(/\/race\/race-[A-Za-z0-9_-]+$/);
  const runId = new URL(page.url()).pathname.split("/")[2]!;
  expectSecurityHeaders(await page.reload());
  await expect(page.getByTestId("race-room")).toHaveAttribute("data-stream", "live");
  await page.getByTestId("step-a").click();
  await expect(page.getByTestId("race-controls")).toHaveAttribute("data-sent", "1");

  const audience = await context.newPage();
  const audienceProblems = await watchProblems(audience);
  const watch = await audience.goto(`/race/${runId}/watch`);
  expectSecurityHeaders(watch, { frameable: true });
  await expect(audience.getByTestId("race-room")).toHaveAttribute("data-role", "audience");
  await expect(audience.getByTestId("race-room")).toHaveAttribute("data-stream", "live");

  await page.getByTestId("stop").click();
  await expect(audience.getByTestId("run-error")).toBeVisible();
  expectClean(problems);
  expectClean(audienceProblems);
});
