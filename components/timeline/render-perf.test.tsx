// @vitest-environment jsdom
/**
 * How long the timeline takes to show a 5,000-event run: median and p95 of 10 first renders,
 * each on a fresh trace object (so the analysis is included, not served from its memo).
 * React is loaded in its production build, as learners get it from `next build`; the dev
 * build used by the other tests is several times slower. Logged only - no timed assertion,
 * because CI machines vary; watch the number in the test output.
 */
import { vi } from "vitest";

vi.hoisted(() => {
  Object.assign(process.env, { NODE_ENV: "production" });
});
// Vitest compiles JSX for React's dev runtime; the production build has no jsxDEV, so map it.
vi.mock("react/jsx-dev-runtime", async () => {
  const rt = await import("react/jsx-runtime");
  return { Fragment: rt.Fragment, jsxDEV: (type: never, props: never, key: never) => rt.jsx(type, props, key) };
});

import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { expect, it } from "vitest";
import { bigRaceTrace } from "@/lib/trace/fixtures";
import { Timeline } from "./timeline";

const RUNS = 10;

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

it("renders 5,000 events quickly", async () => {
  const traces = Array.from({ length: RUNS + 1 }, () => bigRaceTrace(5000));
  const first: number[] = [];
  const withList: number[] = [];
  for (const [i, trace] of traces.entries()) {
    const host = document.createElement("div");
    document.body.append(host);
    const root = createRoot(host);
    const t0 = performance.now();
    flushSync(() => root.render(<Timeline trace={trace} />));
    const t1 = performance.now();
    expect(host.querySelectorAll("[data-row-kind]").length).toBeGreaterThan(5);
    // The screen-reader list follows in a background pass; time it too.
    while (!host.querySelector("ol")) await new Promise((r) => setTimeout(r, 1));
    const t2 = performance.now();
    root.unmount();
    host.remove();
    if (i === 0) continue; // warm-up: module JIT, first jsdom layout objects
    first.push(t1 - t0);
    withList.push(t2 - t0);
  }
  const fmt = (n: number) => n.toFixed(1);
  console.log(`timeline 5000 events render ms: median ${fmt(percentile(first, 0.5))} p95 ${fmt(percentile(first, 0.95))}`);
  console.log(`timeline 5000 events incl. screen-reader list ms: median ${fmt(percentile(withList, 0.5))} p95 ${fmt(percentile(withList, 0.95))}`);
});
