/**
 * The race lab locked to instructors, on an app instance started here with
 * PLAYGROUND_INSTRUCTOR_KEY set: the start form asks for the key, a wrong one is refused with a
 * clear message, the right one starts the run and is remembered; the audience link stays open.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";

const PORT = Number(process.env.E2E_LOCK_PORT ?? 3102);
const LOCKED = `http://127.0.0.1:${PORT}`;
const KEY = "e2e-instructor-key";

test.describe("race lab with an instructor key", () => {
  let server: ChildProcess | undefined;

  test.beforeAll(async () => {
    test.setTimeout(90_000);
    server = spawn("node_modules/.bin/next", ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
      detached: true,
      stdio: "ignore",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYGROUND_INSTRUCTOR_KEY: KEY },
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (await fetch(`${LOCKED}/api/health`).then((r) => r.ok, () => false)) break;
      if (Date.now() > deadline) throw new Error(`the locked app instance did not answer on ${LOCKED}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  test.afterAll(() => {
    // next start spawns next-server: end the whole process group.
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
  });

  test("the key is asked for, checked, remembered; the audience needs none", async ({ browser }) => {
    test.setTimeout(90_000);
    const ctx = await browser.newContext({ baseURL: LOCKED });
    const page = await ctx.newPage();
    await page.goto("/race");
    await page.getByTestId("mode-step").check();
    await page.getByTestId("start-race").click();
    await expect(page.getByTestId("race-form-error")).toContainText("The race lab on this server is for instructors. Enter the instructor key");

    await page.getByTestId("instructor-key").fill(`${KEY}-wrong`);
    await page.getByTestId("start-race").click();
    await expect(page.getByTestId("race-form-error")).toContainText("That instructor key is not right");

    await page.getByTestId("instructor-key").fill(KEY);
    await page.getByTestId("start-race").click();
    await page.waitForURL(/\/race\/race-[A-Za-z0-9_-]+$/);
    const runId = new URL(page.url()).pathname.split("/")[2]!;
    await expect(page.getByTestId("race-room")).toHaveAttribute("data-role", "presenter");
    const cookies = await ctx.cookies();
    const remembered = cookies.find((c) => c.name === "pg_instructor");
    expect(remembered?.httpOnly).toBe(true);
    expect(remembered?.value).not.toContain(KEY);
    expect(cookies.find((c) => c.name === "pg_client")?.httpOnly).toBe(true);

    // Remembered: the form no longer asks.
    await page.goto("/race");
    await expect(page.getByTestId("race-form")).toBeVisible();
    await expect(page.getByTestId("instructor-key")).toHaveCount(0);

    // The audience (no key, no cookie) follows the run live.
    const audienceCtx = await browser.newContext({ baseURL: LOCKED });
    const audience = await audienceCtx.newPage();
    await audience.goto(`/race/${runId}/watch`);
    await expect(audience.getByTestId("race-room")).toHaveAttribute("data-stream", "live");
    await expect(audience.getByTestId("run-status")).toHaveAttribute("data-pause", "WATCH");
    // ...and cannot control it.
    const res = await audience.request.post(`/api/runs/${runId}/control`, { data: { type: "stop" } });
    expect(res.status()).toBe(403);

    await page.goto(`/race/${runId}`);
    await page.getByTestId("stop").click();
    await expect(audience.getByTestId("run-error")).toBeVisible();
    await audienceCtx.close();
    await ctx.close();
  });
});
