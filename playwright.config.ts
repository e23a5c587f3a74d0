import { defineConfig } from "@playwright/test";

// Browsers cannot be downloaded here; Debian's Chromium is used instead (see TOOLCHAIN.md).
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  testIgnore: ["**/fixtures/**"],
  outputDir: "test-results/playwright",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? "test-results/playwright.json" }]],
  use: {
    baseURL: BASE_URL,
    // One context and page per worker, reset between tests (Playwright clears cookies and
    // storage, routes, listeners and init scripts, and opens about:blank). The renderer stays,
    // so Monaco's ~10 MB of JS is not fetched, parsed and compiled again for every test: a fresh
    // context made the editor editable ~8 s after hydration on a busy machine, a reused one
    // ~0.1 s. Tests that need other context options (test.use) get a context of their own.
    reuseContext: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-default-apps",
        "--disable-extensions",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    // scripts/test.mjs builds first and puts REDIS_URL in the environment.
    command: `next start -p ${PORT} -H 127.0.0.1`,
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { NEXT_TELEMETRY_DISABLED: "1" },
    stdout: "ignore",
    stderr: "pipe",
  },
});
