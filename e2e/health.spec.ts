import { expect, test } from "@playwright/test";

test("GET /api/health reports the app and Redis", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.ok()).toBe(true);
  const body = await res.json();
  // Playwright waited for this URL: by now the sandbox pool has been warmed by a first run.
  expect(body).toMatchObject({ app: "ok", redis: "ok", warm: true });
  expect(body.warmMs).toBeGreaterThan(0);
  expect(typeof body.redisLatencyMs).toBe("number");
  // The instance's load, for operators (other specs may be running runs on this server meanwhile).
  expect(body.runs.slots).toBeGreaterThan(0);
  expect(body.runs.running).toBeGreaterThanOrEqual(0);
  expect(body.runs.running).toBeLessThanOrEqual(body.runs.slots);
  expect(Number.isInteger(body.runs.waiting) && Number.isInteger(body.runs.refusedBusy)).toBe(true);
  expect(Number.isInteger(body.raceViewers)).toBe(true);
});

test("an unknown unit is a friendly 404", async ({ page }) => {
  const res = await page.goto("/lessons/no-such-unit");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "There is no such page" })).toBeVisible();
});
