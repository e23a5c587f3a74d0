/**
 * Per-client bounds through the whole server (proxy included): a client that sends no cookie
 * cannot get a fresh identity per request; it is counted by its address, so its race runs are
 * bounded like anyone's.
 */
import { expect, test } from "@playwright/test";
import { MAX_RUNS_PER_CLIENT } from "../lib/race/server/admission";

test("requests without a cookie share their address's budget of race runs", async ({ baseURL }) => {
  // A made-up address of our own, so no other test shares this budget.
  const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
  const headers = { "content-type": "application/json", "x-forwarded-for": address };
  const body = JSON.stringify({ mode: "step", unit: "watch-basics", opponent: { op: "INCRBY", key: "counter", value: 1 } });
  // Plain fetch keeps no cookies: every request arrives without one.
  const start = () => fetch(`${baseURL}/api/runs`, { method: "POST", headers, body });
  const runs: { runId: string; token: string }[] = [];
  for (let i = 0; i < MAX_RUNS_PER_CLIENT; i++) {
    const res = await start();
    expect(res.status).toBe(201);
    runs.push((await res.json()) as { runId: string; token: string });
  }
  const over = await start();
  expect(over.status).toBe(429);
  expect(((await over.json()) as { error: string }).error).toMatch(/You already have \d race-lab runs going/);
  for (const r of runs) {
    const stop = await fetch(`${baseURL}/api/runs/${r.runId}/control`, { method: "POST", headers: { ...headers, "x-race-token": r.token }, body: JSON.stringify({ type: "stop" }) });
    expect(stop.status).toBe(200);
  }
});
