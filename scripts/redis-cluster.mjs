// A local Redis Cluster on loopback for `PLAYGROUND_REDIS=cluster`: 3 masters with 1 replica
// each (by default), every node started like the single local server (scripts/redis-server.mjs:
// same maxmemory and safety bounds), joined with `redis-cli --cluster create`, and only handed
// out once every node agrees the cluster is healthy. Plain Node, like redis-server.mjs.
//
//   node scripts/redis-cluster.mjs start   starts one, prints REDIS_CLUSTER_NODES, runs until Ctrl-C
//   node scripts/redis-cluster.mjs stop    stops the one `start` left running (by its pids)
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureRedisBinary, freePort, localServerArgs } from "./redis-server.mjs";

const PID_FILE = path.resolve(".redis", "cluster.pids");

/**
 * How long a master may be unreachable before its replica takes over. Short, so a failover in
 * a test takes seconds; long enough that a busy machine doesn't fail over by itself.
 */
export const CLUSTER_NODE_TIMEOUT_MS = 3000;

const cli = (port, ...args) => spawnSync("redis-cli", ["-p", String(port), ...args], { encoding: "utf8", timeout: 10_000 });

function waitFor(what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (check()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`the local Redis Cluster: ${what} did not happen within ${timeoutMs} ms`));
      setTimeout(attempt, 100);
    };
    attempt();
  });
}

/** Every node reports cluster_state:ok, and each master has its replicas with their link up. */
function healthy(ports, replicas) {
  let masters = 0;
  let linked = 0;
  for (const port of ports) {
    if (!/cluster_state:ok/.test(cli(port, "cluster", "info").stdout ?? "")) return false;
    const repl = cli(port, "info", "replication").stdout ?? "";
    if (/role:master/.test(repl)) masters++;
    else if (/master_link_status:up/.test(repl)) linked++;
  }
  return masters * (replicas + 1) === ports.length && linked === masters * replicas;
}

/**
 * @param {{ masters?: number, replicas?: number, maxmemory?: string, log?: (msg: string) => void }} [opts]
 * @returns {Promise<{ nodes: string, ports: number[], pids: number[], stop: () => Promise<void>, kill: (port: number) => void, healthy: () => boolean }>}
 */
export async function startLocalCluster({ masters = 3, replicas = 1, maxmemory = "256mb", log = console.error } = {}) {
  const bin = ensureRedisBinary({ log });
  const ports = [];
  while (ports.length < masters * (1 + replicas)) {
    const p = await freePort();
    if (!ports.includes(p)) ports.push(p);
  }
  const children = new Map();
  for (const port of ports) {
    // A fresh directory per node and start: a cluster config left by an earlier run would rejoin it.
    const dir = path.resolve(".redis", `cluster-${port}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const child = spawn(
      bin,
      [
        ...localServerArgs({ port, maxmemory, dir }),
        "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
        "--cluster-node-timeout", String(CLUSTER_NODE_TIMEOUT_MS),
      ],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
    children.set(port, child);
  }
  const stop = () =>
    Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
            setTimeout(() => child.exitCode === null && child.kill("SIGKILL"), 2000).unref();
          }),
      ),
    ).then(() => {
      for (const port of ports) rmSync(path.resolve(".redis", `cluster-${port}`), { recursive: true, force: true });
    });
  try {
    await waitFor("every node listening", () => ports.every((p) => cli(p, "ping").stdout?.trim() === "PONG"), 10_000);
    const created = spawnSync(
      "redis-cli",
      ["--cluster", "create", ...ports.map((p) => `127.0.0.1:${p}`), "--cluster-replicas", String(replicas), "--cluster-yes"],
      { encoding: "utf8", timeout: 60_000 },
    );
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${(created.stdout + created.stderr).trim().split("\n").slice(-3).join(" ")}`);
    await waitFor("cluster_state:ok on every node, with every replica online", () => healthy(ports, replicas), 30_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    nodes: ports.map((p) => `127.0.0.1:${p}`).join(","),
    ports,
    pids: [...children.values()].map((c) => c.pid),
    stop,
    /** Kills one node at once (SIGKILL), as a crashed machine would go: for failover tests. */
    kill: (port) => children.get(port)?.kill("SIGKILL"),
    healthy: () => healthy(ports.filter((p) => children.get(p)?.exitCode === null && children.get(p)?.signalCode === null), replicas),
  };
}

async function main(cmd) {
  if (cmd === "stop") {
    let recorded;
    try {
      recorded = JSON.parse(readFileSync(PID_FILE, "utf8"));
    } catch {
      console.error("No local cluster is recorded as running (.redis/cluster.pids).");
      return;
    }
    // The `start` process stops its nodes and removes their directories; the nodes' own pids
    // are the fallback when it is gone.
    for (const pid of [recorded.owner, ...recorded.nodes]) {
      try {
        process.kill(pid, "SIGTERM");
      } catch {}
    }
    rmSync(PID_FILE, { force: true });
    console.error(`Stopped the local cluster (${recorded.nodes.length} nodes).`);
    return;
  }
  if (cmd !== "start") {
    console.error("usage: node scripts/redis-cluster.mjs start | stop");
    process.exitCode = 2;
    return;
  }
  const cluster = await startLocalCluster();
  writeFileSync(PID_FILE, JSON.stringify({ owner: process.pid, nodes: cluster.pids }));
  console.log(`REDIS_CLUSTER_NODES=${cluster.nodes}`);
  const end = () => cluster.stop().then(() => rmSync(PID_FILE, { force: true }), () => {}).finally(() => process.exit(0));
  process.once("SIGINT", end);
  process.once("SIGTERM", end);
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv[2]);
