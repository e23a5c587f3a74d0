// How a unit page feels on a first visit, against a running production server:
//   BASE_URL=http://127.0.0.1:3000 npx tsx scripts/measure-editor.ts [slug] [visits]
// Over N fresh visits (new browser context each: nothing cached) it prints median and p95 of
//  - readable: navigation start -> first paint that shows the unit's code (static view or Monaco)
//  - typeable: navigation start -> the code takes keys (the code view's textarea is painted; it is
//    in the server's HTML), and the longest main-thread task from then until hydration (a key
//    pressed in that window waits at most that long to appear)
//  - editable: navigation start -> Monaco drawn and the workbench's test hook says editable
//    (checked after each visit: a key typed into Monaco's input ends up in the code Run sends)
//  - where the editable time went (medians of the page's own performance marks): the page
//    hydrated (Run works), the editor's chunks asked for / evaluated, monaco.editor.create, drawn
//  - diagnostics: navigation start -> first TypeScript error marker (a type error is put into
//    the code at hydration, so the language service has something to report)
//  - run: click on Run -> its output on the page (in-page clock), one Run per visit after editable,
//    and that Run's server-side time (the first one is the server's first Run when just started)
//  - early run: N more fresh visits where Run is clicked in the first frame that paints it (before
//    hydration: the page keeps the click, early-actions.ts): click -> output, and when the output
//    was there, from navigation start
// and, from the first visit, the first-load JS (the scripts the HTML names: the app without the
// editor) and the editor's bytes (every other script and worker file), as transferred.
import { chromium, type Page } from "@playwright/test";

const BASE_URL = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const slug = process.argv[2] ?? "watch-basics";
const visits = Number(process.argv[3] ?? 7);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const fmt = (xs: number[]) => `median ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms  [${xs.map((x) => x.toFixed(1)).join(", ")}]`;

declare global {
  interface Window {
    __early?: { clicked?: number; output?: number };
    __measure?: { readable?: number; typeable?: number; longTasks?: { start: number; end: number }[]; runnable?: number; editable?: number; diagnostics?: number; poisoned?: boolean };
  }
}

/** Runs in the page before any of its scripts: records when each milestone is first painted. */
function milestones() {
  const m: NonNullable<Window["__measure"]> = { longTasks: [] };
  window.__measure = m;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) m.longTasks!.push({ start: e.startTime, end: e.startTime + e.duration });
  }).observe({ type: "longtask", buffered: true });
  const tick = () => {
    const now = performance.now();
    const hook = window.__playground;
    if (m.readable === undefined && document.querySelector('[data-testid="code-view"] span, .monaco-editor .view-line span')) m.readable = now;
    if (m.runnable === undefined && hook) m.runnable = now;
    if (m.typeable === undefined && document.querySelector('[data-testid="code-input"], .monaco-editor textarea')) m.typeable = now;
    if (hook && !m.poisoned) {
      hook.setCode(`const measured: number = "not a number";\n${hook.getCode()}`);
      m.poisoned = true;
    }
    // A hook without `editable` (builds before the static view) exists only once Monaco is up.
    if (m.editable === undefined && hook && hook.editable !== false) m.editable = now;
    if (m.diagnostics === undefined && hook?.getMarkers().some((mk) => mk.owner !== "run" && mk.severity === "error")) m.diagnostics = now;
    if (m.diagnostics === undefined) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Runs in the page before any of its scripts: clicks Run in the first frame that has it, and notes when its output shows. */
function earlyRun() {
  const e: NonNullable<Window["__early"]> = {};
  window.__early = e;
  const tick = () => {
    const button = document.querySelector<HTMLButtonElement>('[data-testid="run-button"]');
    if (e.clicked === undefined && button) {
      e.clicked = performance.now();
      button.click();
    }
    const result = document.querySelector('[data-testid="run-result"]');
    if (e.clicked !== undefined && Number(result?.getAttribute("data-runs")) > 0 && result?.getAttribute("data-state") !== "running" && document.querySelector('[data-testid="run-output"]')) {
      e.output = performance.now();
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function clickToOutput(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const result = document.querySelector('[data-testid="run-result"]')!;
        const before = Number(result.getAttribute("data-runs"));
        const button = document.querySelector<HTMLButtonElement>('[data-testid="run-button"]')!;
        const observer = new MutationObserver(() => {
          const el = document.querySelector('[data-testid="run-result"]')!;
          if (Number(el.getAttribute("data-runs")) > before && el.getAttribute("data-state") !== "running" && document.querySelector('[data-testid="run-output"]')) {
            observer.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
        const t0 = performance.now();
        button.click();
      }),
  );
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
});
const readable: number[] = [];
const editable: number[] = [];
const typeable: number[] = [];
const keyWait: number[] = [];
const diagnostics: number[] = [];
const runs: number[] = [];
const serverMs: number[] = [];
const bytes = { firstLoad: 0, firstLoadFiles: 0, editor: 0, editorFiles: 0 };
/** Milestone name -> one time per visit (ms since navigation start). */
const phases = new Map<string, number[]>();
const phase = (name: string, at: number | undefined) => at !== undefined && phases.set(name, [...(phases.get(name) ?? []), at]);

/** Keys typed into Monaco must reach the code that Run sends, or "editable" meant nothing. */
async function assertTypingWorks(page: Page): Promise<void> {
  const before = await page.evaluate(() => window.__playground!.getCode());
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("//typed");
  const after = await page.evaluate(() => window.__playground!.getCode());
  if (after !== `${before}//typed`) throw new Error(`typing into Monaco did not change the code: ${JSON.stringify(after.slice(-40))}`);
}

for (let i = 0; i < visits; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // tsx (esbuild keepNames) wraps named functions in __name(); the page has no such helper.
  await page.addInitScript({ content: "globalThis.__name = (f) => f;" });
  await page.addInitScript(milestones);
  const finished: Promise<{ url: string; wire: number }>[] = [];
  context.on("requestfinished", (req) => {
    if (!/\.m?js(\?|$)/.test(req.url())) return;
    finished.push(req.sizes().then((s) => ({ url: req.url(), wire: s.responseBodySize + s.responseHeadersSize })));
  });
  const nav = await page.goto(`${BASE_URL}/lessons/${slug}`);
  const html = (await nav?.text()) ?? "";
  await page.waitForFunction(() => window.__measure?.diagnostics !== undefined, null, { timeout: 120_000 }).catch(async (err: Error) => {
    console.error("milestones so far:", JSON.stringify(await page.evaluate(() => window.__measure)));
    throw err;
  });
  const m = await page.evaluate(() => window.__measure!);
  readable.push(m.readable!);
  editable.push(m.editable!);
  typeable.push(m.typeable!);
  // The part of each long task after the textarea was painted and before hydration.
  keyWait.push(Math.max(0, ...m.longTasks!.map((t) => Math.min(t.end, m.runnable!) - Math.max(t.start, m.typeable!))));
  diagnostics.push(m.diagnostics!);
  phase("page hydrated (Run works)", m.runnable);
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType("mark").map((e) => [e.name, e.startTime])));
  phase("editor chunks asked for", marks["editor:import"]);
  phase("editor chunks evaluated", marks["editor:loaded"]);
  phase("monaco.editor.create starts", marks["editor:create"]);
  phase("first frame drawn", marks["editor:ready"]);
  await page.evaluate(() => window.__playground?.setCode(window.__playground.getCode().split("\n").slice(1).join("\n")));
  runs.push(await clickToOutput(page));
  serverMs.push(Number(await page.getByTestId("run-status").getAttribute("data-server-ms")));
  await assertTypingWorks(page);
  if (i === 0) {
    await page.waitForLoadState("networkidle");
    const named = new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((x) => new URL(x[1]!, BASE_URL).href));
    for (const s of await Promise.all(finished)) {
      if (named.has(s.url)) {
        bytes.firstLoad += s.wire;
        bytes.firstLoadFiles += 1;
      } else {
        bytes.editor += s.wire;
        bytes.editorFiles += 1;
      }
    }
  }
  await context.close();
}
const early = { clickToOutput: [] as number[], clicked: [] as number[], output: [] as number[] };
for (let i = 0; i < visits; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript({ content: "globalThis.__name = (f) => f;" });
  await page.addInitScript(earlyRun);
  await page.goto(`${BASE_URL}/lessons/${slug}`);
  await page.waitForFunction(() => window.__early?.output !== undefined, null, { timeout: 60_000 });
  const e = await page.evaluate(() => window.__early!);
  early.clicked.push(e.clicked!);
  early.output.push(e.output!);
  early.clickToOutput.push(e.output! - e.clicked!);
  await context.close();
}
await browser.close();

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(`unit page /lessons/${slug}, ${visits} fresh visits of ${BASE_URL}`);
console.log(`readable code painted:      ${fmt(readable)}`);
console.log(`typeable code (view or Monaco): ${fmt(typeable)}`);
console.log(`  longest wait for a key before hydration: ${fmt(keyWait)}`);
console.log(`editable editor (Monaco):   ${fmt(editable)}`);
for (const [name, at] of phases) console.log(`  ${`${name}:`.padEnd(27)} median ${pct(at, 50).toFixed(1)} ms`);
console.log(`first TypeScript diagnostic: ${fmt(diagnostics)}`);
console.log(`Run click -> output:        ${fmt(runs)}`);
console.log(`Run clicked at first paint -> output: ${fmt(early.clickToOutput)}`);
console.log(`  clicked at ${pct(early.clicked, 50).toFixed(1)} ms, output at ${pct(early.output, 50).toFixed(1)} ms (medians, from navigation start)`);
console.log(`Run server-side (timings.totalMs): first ${serverMs[0]?.toFixed(1)} ms (the server's first Run if it was just started), ${fmt(serverMs.slice(1))} after`);
console.log(`first-load JS (the HTML's scripts, no editor): ${bytes.firstLoadFiles} files, ${kb(bytes.firstLoad)} transferred`);
console.log(`editor JS and workers loaded after it:        ${bytes.editorFiles} files, ${kb(bytes.editor)} transferred`);
