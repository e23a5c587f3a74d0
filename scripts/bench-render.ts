// `npm run bench:render`: how long the timeline takes to show a 5,000-event run - median and
// p95 of RUNS first renders, each on a fresh trace object (so the analysis is included, not
// served from its memo), and the same up to the screen-reader list, which follows in a
// background pass. React is loaded in its production build, as learners get it from
// `next build`; the DOM is jsdom's, so the figures compare builds of this code, not browsers.
// A benchmark, not a test: it prints figures and fails only when the timeline does not render.
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { builtinEnvironments } from "vitest/environments";

const { values } = parseArgs({ options: { runs: { type: "string", default: "10" }, events: { type: "string", default: "5000" } } });
const RUNS = Number(values.runs);
const EVENTS = Number(values.events);

// Before React loads: it picks its build from NODE_ENV once.
Object.assign(process.env, { NODE_ENV: "production" });
// The same DOM as the timeline's tests: vitest's jsdom environment, set up on this process's globals.
await builtinEnvironments.jsdom.setup(globalThis, { jsdom: { url: "http://127.0.0.1/lessons/bench", pretendToBeVisual: true } });

const { createElement } = await import("react");
const { flushSync } = await import("react-dom");
const { createRoot } = await import("react-dom/client");
const { bigRaceTrace } = await import("@/lib/trace/fixtures");
const { Timeline } = await import("@/components/timeline/timeline");

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

const traces = Array.from({ length: RUNS + 1 }, () => bigRaceTrace(EVENTS));
const first: number[] = [];
const withList: number[] = [];
for (const [i, trace] of traces.entries()) {
  const host = document.createElement("div");
  document.body.append(host);
  const root = createRoot(host);
  const t0 = performance.now();
  flushSync(() => root.render(createElement(Timeline, { trace })));
  const t1 = performance.now();
  if (host.querySelectorAll("[data-row-kind]").length <= 5) throw new Error("the timeline rendered no rows");
  while (!host.querySelector("ol")) await new Promise((r) => setTimeout(r, 1));
  const t2 = performance.now();
  root.unmount();
  host.remove();
  if (i === 0) continue; // warm-up: module JIT, first jsdom layout objects
  first.push(t1 - t0);
  withList.push(t2 - t0);
}

const fmt = (n: number) => n.toFixed(1);
console.log(`timeline, ${EVENTS} events, ${RUNS} renders (React production build, jsdom)`);
console.log(`  first render             : median ${fmt(percentile(first, 0.5))} ms, p95 ${fmt(percentile(first, 0.95))} ms`);
console.log(`  incl. screen-reader list : median ${fmt(percentile(withList, 0.5))} ms, p95 ${fmt(percentile(withList, 0.95))} ms`);
console.log(`  machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
process.exit(0);
