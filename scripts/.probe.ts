import { chromium } from "@playwright/test";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();
page.on("console", (m) => console.log("console", m.type(), m.text().slice(0, 300)));
page.on("pageerror", (e) => console.log("pageerror", e.message.slice(0, 300)));
page.on("requestfailed", (r) => console.log("failed", r.url(), r.failure()?.errorText));
page.on("worker", (w) => console.log("worker", w.url()));
const t0 = Date.now();
await page.goto(process.env.URL ?? "http://127.0.0.1:3201/lessons/watch-basics");
console.log("goto", Date.now() - t0);
for (let i = 0; i < 45; i++) {
  const s = await page.evaluate(() => ({ hook: window.__playground ? { editable: window.__playground.editable, markers: window.__playground.getMarkers().length } : null, cv: !!document.querySelector('[data-testid="code-view"]'), monaco: !!document.querySelector(".monaco-editor .view-line") }));
  console.log(Date.now() - t0, JSON.stringify(s));
  if (s.hook?.editable) { await page.evaluate(() => window.__playground!.setCode('const n: number = "x";\n')); }
  if (s.hook?.markers) break;
  await page.waitForTimeout(1000);
}
await page.screenshot({ path: "/tmp/h4/probe.png" });
await browser.close();
