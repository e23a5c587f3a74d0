// `npm start`: from a fresh clone to a running playground in one command.
// Installs dependencies if needed, builds when sources are newer than the last build, starts a
// local redis-server unless REDIS_URL is set, then serves the production build on loopback.
// Plain Node on purpose: it must run before `npm install`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const port = Number(process.env.PORT ?? 3000);
const host = "127.0.0.1";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function step(label, cmd, args) {
  console.log(`> ${label}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`${label} failed (exit ${r.status ?? r.signal}).`);
    process.exit(1);
  }
}

/** Newest modification time under the given paths, skipping generated folders. */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== "node_modules" && name !== "monaco" && !name.startsWith(".")) visit(path.join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

const SOURCES = ["app", "components", "lib", "lessons", "public", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package.json", "package-lock.json"];

if (!existsSync("node_modules")) step("Installing dependencies (first run)", "npm", ["install", "--no-audit", "--no-fund"]);

const buildId = ".next/BUILD_ID";
const stale = !existsSync(buildId) || !existsSync(".engine/worker.mjs") || newestMtime(SOURCES) > statSync(buildId).mtimeMs;
if (stale) {
  step("Building the sandbox worker", process.execPath, ["scripts/build-engine.mjs"]);
  step("Building the app (about 20 s)", process.execPath, [nextBin, "build"]);
}

// PLAYGROUND_REDIS=cluster: a local Redis Cluster (REDIS_CLUSTER_NODES) instead of one server.
const { redisTargetForThisProcess } = await import("./redis-target.mjs");
const redis = await redisTargetForThisProcess();

// Own process group, so stopping it also stops any worker Next.js forks.
const server = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", host], {
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...env, ...redis.env, PORT: String(port) },
  detached: true,
});

/**
 * Polls /api/health until the sandbox pool is warm (a first run went through every worker) and
 * Redis answers, then renders a unit page once: "ready" means the next Run is as fast as any.
 */
async function waitForHealthy(timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const health = await (await fetch(`http://${host}:${port}/api/health`)).json();
      if (health.warm && health.redis === "ok") {
        const first = readdirSync("lessons").sort()[0]?.replace(/^\d+-/, "");
        for (const page of ["/", `/lessons/${first}`]) await fetch(`http://${host}:${port}${page}`).then((r) => r.text());
        return true;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

let announced = false;
server.stdout.on("data", async (chunk) => {
  const text = chunk.toString();
  process.stdout.write(text);
  if (announced || !/ready/i.test(text)) return;
  announced = true;
  const healthy = await waitForHealthy();
  if (!healthy) console.warn(`Redis (${redis.describe}) is not answering yet; runs will report that until it does.`);
  console.log(`\nPlayground ready at http://${host}:${port}\nPress Ctrl+C to stop.`);
});

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  try {
    process.kill(-server.pid, signal);
  } catch {
    // Already gone.
  }
}
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));

server.on("exit", async (code, signal) => {
  await redis.stop();
  if (!stopping && code !== 0) console.error(`The app server stopped unexpectedly (${code ?? signal}).`);
  process.exit(stopping ? 0 : (code ?? 1));
});
