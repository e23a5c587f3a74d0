import { expect, test } from "@playwright/test";

test("GET /api/health reports the app and Redis", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.ok()).toBe(true);
  const body = await res.json();
  expect(body).toMatchObject({ app: "ok", redis: "ok" });
  expect(typeof body.redisLatencyMs).toBe("number");
});

test("an unknown unit is a friendly 404", async ({ page }) => {
  const res = await page.goto("/lessons/no-such-unit");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "There is no such page" })).toBeVisible();
});
