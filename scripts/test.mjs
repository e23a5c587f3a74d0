// `npm test`: everything, against real services. Starts its own redis-server (unless
// REDIS_URL is set), runs typecheck + lint, the unit/integration suite (vitest), builds the
// app and runs the Playwright suite in Debian's Chromium. Ends with "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, mkdirSync, rmSync } from "node:fs";
import { redisTargetForThisProcess } from "./redis-target.mjs";
import { CLUSTER_STAGE_FILES } from "./test-cluster-files.mjs";

const only = process.argv.slice(2); // e.g. `npm test -- unit` or `npm test -- e2e`
// `npm test -- cluster` (or PLAYGROUND_REDIS=cluster npm test): against a local Redis Cluster.
if (only.includes("cluster")) process.env.PLAYGROUND_REDIS = "cluster";
const onCluster = process.env.PLAYGROUND_REDIS === "cluster";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PATH: `${process.cwd()}/node_modules/.bin:${process.env.PATH}` };
// On a cluster the `cluster` stage takes the place of the single-server vitest and browser stages.
const want = (stage) => (only.length === 0 ? (onCluster ? stage !== "unit" && stage !== "e2e" : stage !== "cluster") : only.includes(stage));

function run(label, cmd, args, extraEnv = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(" ")}`);
  const t = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  console.log(`=== ${label}: ${r.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return r.status === 0;
}

function ensureChromium() {
  if (existsSync("/usr/bin/chromium")) return;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    const aptEnv = { ...env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env: aptEnv });
    spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: aptEnv });
  }
  if (!existsSync("/usr/bin/chromium")) {
    console.error("The browser tests need Chromium at /usr/bin/chromium (Debian: apt-get install chromium).");
    process.exit(1);
  }
}

/** A Playwright run whose JSON report adds to the counts (none expected = a failure). */
function playwright(label, args, report) {
  rmSync(report, { force: true }); // a report left by an earlier run must not count
  const good = run(label, "playwright", ["test", ...args], { ...redisEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: report });
  if (existsSync(report)) {
    const s = JSON.parse(readFileSync(report, "utf8")).stats ?? {};
    passed += (s.expected ?? 0) + (s.flaky ?? 0);
    failed += (s.unexpected ?? 0) + ((s.expected ?? 0) === 0 ? 1 : 0);
  } else failed += 1;
  return good;
}

mkdirSync("test-results", { recursive: true });
let ok = true;
let passed = 0;
let failed = 0;

ok = run("engine build", "node", ["scripts/build-engine.mjs"]) && ok;
if (want("static")) {
  ok = run("typecheck", "tsc", ["--noEmit", "-p", "tsconfig.json"]) && ok;
  ok = run("lint", "eslint", [".", "--max-warnings", "0"]) && ok;
}

const redis = await redisTargetForThisProcess();
const redisEnv = redis.env;

if (want("cluster")) {
  // The production build is the browser stage's when there is one (`.ci/run` runs that stage
  // first); without one it is made here. test/cluster/npm-start.test.ts and the race-lab spec use it.
  if (!existsSync(".next/BUILD_ID")) ok = run("production build", "next", ["build"], redisEnv) && ok;
  const report = "test-results/vitest-cluster.json";
  ok = run("on a Redis Cluster (vitest)", "vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...CLUSTER_STAGE_FILES], redisEnv) && ok;
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, "utf8"));
    passed += r.numPassedTests ?? 0;
    failed += (r.numFailedTests ?? 0) + (r.numTotalTests === 0 ? 1 : 0);
  } else failed += 1;
  // The race lab across two app instances (two `next start` on one cluster): e2e/race.spec.ts's
  // "second instance" tests.
  ensureChromium();
  ok = playwright("race lab on two instances on a Redis Cluster (playwright)", ["e2e/race.spec.ts", "--grep", "second instance"], "test-results/playwright-cluster.json") && ok;
}

if (want("unit")) {
  const report = "test-results/vitest.json";
  ok = run("unit + integration (vitest)", "vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], redisEnv) && ok;
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, "utf8"));
    passed += r.numPassedTests ?? 0;
    failed += (r.numFailedTests ?? 0) + (r.numTotalTests === 0 ? 1 : 0);
  } else failed += 1;
}

if (want("e2e")) {
  ensureChromium();
  ok = run("production build", "next", ["build"], redisEnv) && ok;
  ok = playwright("browser (playwright)", [], "test-results/playwright.json") && ok;
}

await redis.stop();
if (!ok && failed === 0) failed = 1; // a stage failed outside the counted tests (typecheck, lint, build)
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
