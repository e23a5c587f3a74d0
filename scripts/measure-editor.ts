// Time from navigation to an editable editor on a unit page, against a running production
// server:  BASE_URL=http://127.0.0.1:3000 npx tsx scripts/measure-editor.ts [slug] [runs]
// "Editable" = Monaco mounted and the workbench exposed its editor (window.__playground).
// Also prints the JS the page loads before Monaco and the server-side time of one Run.
import { chromium } from "@playwright/test";

const BASE_URL = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const slug = process.argv[2] ?? "watch-basics";
const runs = Number(process.argv[3] ?? 5);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
});
const editable: number[] = [];
let firstLoadJs = { wire: 0, raw: 0, files: 0 };
for (let i = 0; i < runs; i++) {
  // A fresh context each time: nothing cached, like a first visit.
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts: Promise<{ url: string; wire: number; raw: number }>[] = [];
  page.on("requestfinished", (req) => {
    if (req.resourceType() !== "script") return;
    scripts.push(
      (async () => {
        const sizes = await req.sizes();
        const body = await (await req.response())?.body().catch(() => null);
        return { url: req.url(), wire: sizes.responseBodySize, raw: body?.length ?? 0 };
      })(),
    );
  });
  const t0 = Date.now();
  await page.goto(`${BASE_URL}/lessons/${slug}`);
  await page.waitForFunction(() => "__playground" in window, null, { timeout: 60_000 });
  editable.push(Date.now() - t0);
  if (i === 0) {
    await page.waitForLoadState("networkidle");
    const app = (await Promise.all(scripts)).filter((s) => !s.url.includes("/monaco/") && !s.url.startsWith("blob:"));
    firstLoadJs = { wire: app.reduce((n, s) => n + s.wire, 0), raw: app.reduce((n, s) => n + s.raw, 0), files: app.length };
  }
  await context.close();
}

const context = await browser.newContext();
const page = await context.newPage();
await page.goto(`${BASE_URL}/lessons/${slug}`);
await page.waitForFunction(() => "__playground" in window);
const serverMs: number[] = [];
for (let i = 1; i <= runs; i++) {
  await page.getByTestId("run-button").click();
  const status = page.locator(`[data-testid="run-result"][data-runs="${i}"]:not([data-state="running"]) [data-testid="run-status"]`);
  await status.waitFor();
  serverMs.push(Number(await status.getAttribute("data-server-ms")));
}
await browser.close();

console.log(`unit page: /lessons/${slug} (${runs} fresh visits)`);
console.log(`navigation -> editable editor: median ${median(editable)} ms  [${editable.join(", ")}]`);
console.log(
  `app JS excluding Monaco: ${firstLoadJs.files} files, ${(firstLoadJs.raw / 1024).toFixed(1)} KB raw, ${(firstLoadJs.wire / 1024).toFixed(1)} KB transferred (gzip)`,
);
console.log(`server-side Run time (RunResult.timings.totalMs): median ${median(serverMs).toFixed(1)} ms  [${serverMs.map((n) => n.toFixed(1)).join(", ")}]`);
