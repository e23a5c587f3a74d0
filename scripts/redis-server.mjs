// Local Redis lifecycle shared by `npm start`, `npm test`, the CLI and the benchmark.
// REDIS_URL wins; otherwise start a throwaway redis-server on a free loopback port.
// Plain Node on purpose: it must run before `npm install` has finished its work.
import { spawn, spawnSync } from "node:child_process";
import { createServer, connect } from "node:net";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";

const CANDIDATES = ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/opt/homebrew/bin/redis-server"];

function findRedisServer() {
  const onPath = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).stdout.trim();
  if (onPath) return onPath;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Installs redis-server with apt when we are root on Debian/Ubuntu; otherwise explains how. */
export function ensureRedisBinary({ log = console.error } = {}) {
  let bin = findRedisServer();
  if (bin) return bin;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const hasApt = existsSync("/usr/bin/apt-get");
  if (isRoot && hasApt) {
    log("redis-server is not installed; installing it with apt-get (one time) ...");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    const r = spawnSync("apt-get", ["install", "-y", "-qq", "redis-server"], { stdio: "inherit", env });
    if (r.status === 0) bin = findRedisServer();
  }
  if (!bin) {
    throw new Error(
      "redis-server was not found. Install Redis 7 (Debian/Ubuntu: `sudo apt-get install redis-server`, " +
        "macOS: `brew install redis`) or point REDIS_URL at a running Redis, e.g. REDIS_URL=redis://127.0.0.1:6379.",
    );
  }
  return bin;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const sock = connect(port, "127.0.0.1");
      sock.once("connect", () => {
        sock.end();
        resolve();
      });
      sock.once("error", () => {
        sock.destroy();
        if (Date.now() > deadline) reject(new Error(`redis-server did not listen on port ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 25);
      });
    };
    attempt();
  });
}

/**
 * Redis's own bounds on one command and one client, the layer behind the engine's checks
 * (each checked on Redis 7.0.15):
 * - proto-max-bulk-len 1mb (Redis's minimum): one argument at most 1 MB, and SETRANGE/SETBIT
 *   may not grow a string past it ("string exceeds maximum allowed size").
 * - client-query-buffer-limit 4mb: a client whose unprocessed input passes it is closed (room
 *   for one 1 MB argument and a pipeline behind it).
 * - client-output-buffer-limit normal 32mb 8mb 10: a client that doesn't read the replies it
 *   asked for (100 GETs of a 1 MB value) is closed instead of holding Redis memory.
 * - slowlog-log-slower-than 10000 (us): every command over 10 ms is logged, so tests can
 *   assert with SLOWLOG GET that nothing blocked Redis.
 */
export const REDIS_SAFETY_ARGS = [
  "--proto-max-bulk-len", "1mb",
  "--client-query-buffer-limit", "4mb",
  "--client-output-buffer-limit", "normal 32mb 8mb 10",
  "--slowlog-log-slower-than", "10000",
  "--slowlog-max-len", "1024",
];

/**
 * How every local redis-server runs (the single one and each cluster node): loopback only, no
 * persistence because every key is throwaway, maxmemory with noeviction, and the safety bounds.
 */
export function localServerArgs({ port, maxmemory, dir }) {
  return [
    "--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
    "--maxmemory", maxmemory, "--maxmemory-policy", "noeviction", "--dir", dir,
    "--maxclients", "2000", "--daemonize", "no", "--loglevel", "warning",
    ...REDIS_SAFETY_ARGS,
  ];
}

/**
 * Starts redis-server on a free loopback port. maxmemory keeps any learner from filling it;
 * no persistence because every key is throwaway.
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void>, pid: number }>}
 */
export async function startLocalRedis({ port, maxmemory = "256mb", log = console.error } = {}) {
  const bin = ensureRedisBinary({ log });
  const p = port ?? (await freePort());
  const dir = path.resolve(".redis");
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    bin,
    localServerArgs({ port: p, maxmemory, dir }),
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  let exited = false;
  child.once("exit", () => { exited = true; });
  await waitForPort(p, 5000);
  const stop = () =>
    new Promise((resolve) => {
      if (exited) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => { if (!exited) child.kill("SIGKILL"); }, 2000).unref();
    });
  return { url: `redis://127.0.0.1:${p}`, port: p, pid: child.pid, stop, child };
}

/** REDIS_URL when set, otherwise a local server that stops when this process exits. */
export async function redisForThisProcess({ log = console.error, quiet = false } = {}) {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: async () => {}, local: false };
  const server = await startLocalRedis({ log });
  if (!quiet) log(`Started a local redis-server at ${server.url} (set REDIS_URL to use your own).`);
  const kill = () => { try { process.kill(server.pid, "SIGTERM"); } catch {} };
  process.once("exit", kill);
  return { ...server, local: true };
}
