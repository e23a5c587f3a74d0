// The server under test: a production build started here (`next start`), or one already running
// (--url, optionally --pid for its memory). Its memory is the resident size of the server process
// and all its children (next-server, its workers), read from /proc.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ActionIds } from "./learner-client";

const NEXT_BIN = path.join("node_modules", "next", "dist", "bin", "next");
const ENV = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

export function build(): void {
  for (const [label, args] of [
    ["engine", ["scripts/build-engine.mjs"]],
    ["next build", [NEXT_BIN, "build"]],
  ] as const) {
    console.error(`> ${label}`);
    const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"], env: ENV });
    if (r.status !== 0) throw new Error(`${label} failed (exit ${r.status ?? r.signal})`);
  }
}

export interface StartedServer {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

export async function start(port: number): Promise<StartedServer> {
  if (!process.env.REDIS_URL && !process.env.REDIS_CLUSTER_NODES) throw new Error("Neither REDIS_URL nor REDIS_CLUSTER_NODES is set: run through `npm run bench:classroom` (it starts a throwaway Redis, or a cluster with PLAYGROUND_REDIS=cluster)");
  const child: ChildProcess = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: ENV,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (code ${child.exitCode}); is port ${port} free?`);
    try {
      if ((await fetch(`${url}/api/health`)).status > 0) break;
    } catch {
      if (Date.now() > deadline) throw new Error(`next start did not answer on ${url} within 30 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    // Its children too (next-server may fork): by pid, never by name.
    for (const pid of [...descendants(child.pid!), child.pid!]) {
      try {
        process.kill(pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  };
  return { url, pid: child.pid!, stop };
}

/** The action ids of this build (the manifest next build wrote). */
export function actionIds(): ActionIds {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const find = (name: string) => {
    const id = Object.entries(manifest.node).find(([, v]) => v.exportedName === name)?.[0];
    if (!id) throw new Error(`no server action "${name}" in .next/server/server-reference-manifest.json - build first`);
    return id;
  };
  return { runUnit: find("runUnit"), checkSubmission: find("checkSubmission") };
}

function descendants(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
    } catch {
      /* the process ended meanwhile */
    }
  }
  const out: number[] = [];
  const visit = (pid: number) => {
    for (const c of parents.get(pid) ?? []) {
      out.push(c);
      visit(c);
    }
  };
  visit(root);
  return out;
}

/** Resident memory of a process and its descendants, bytes (0 when unknown). */
export function treeRss(pid: number | undefined): number {
  if (!pid) return 0;
  let total = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      /* the process ended meanwhile */
    }
  }
  return total;
}
