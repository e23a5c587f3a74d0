// `npm run bench:redis-cost`: what one run costs Redis, for every unit's solution. N sequential
// runs through the real engine, with Redis's own counters reset before (CONFIG RESETSTAT on
// every master) and read after: commands per run by name, Redis's time inside commands per
// run (commandstats usec), and Redis CPU per run (used_cpu_user+sys, which adds networking and
// parsing) - and from that, how many runs per second one Redis core could serve. The figures
// feed the capacity model in ARCHITECTURE.md; Redis's own counters barely move with the host's
// load, unlike wall-clock times.
import type Redis from "ioredis";
import { closeWorkerPool, runProgram } from "../lib/runner/index";
import { loadCourse } from "../lib/lessons/loader";
import { createServiceRedis, masters } from "../lib/redis/service-client";
import type { Unit } from "../lib/lessons/types";
import { runScript } from "./run-script";

const RUNS = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7) ?? 200);

const field = (info: string, name: string): number => Number(new RegExp(`^${name}:([0-9.]+)`, "m").exec(info)?.[1] ?? 0);
const cpuOf = async (n: Redis) => {
  const info = await n.info("cpu");
  return field(info, "used_cpu_user") + field(info, "used_cpu_sys");
};

/** cmdstat_<name>:calls=N,usec=N,... summed over the masters. */
async function commandStats(nodes: Redis[]): Promise<Map<string, { calls: number; usec: number }>> {
  const all = new Map<string, { calls: number; usec: number }>();
  for (const n of nodes) {
    for (const m of (await n.info("commandstats")).matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
      const e = all.get(m[1]!) ?? { calls: 0, usec: 0 };
      all.set(m[1]!, { calls: e.calls + Number(m[2]), usec: e.usec + Number(m[3]) });
    }
  }
  return all;
}

async function runOnce(unit: Unit): Promise<void> {
  const r = await runProgram({ source: unit.solution ?? unit.starter, setup: unit.setup, inspectKeys: unit.inspectKeys });
  if (r.status !== "ok") throw new Error(`${unit.slug}: ${r.error?.message}`);
}

async function main(): Promise<void> {
  const service = createServiceRedis();
  if (service.status !== "ready") await new Promise<void>((resolve) => service.once("ready", () => resolve()));
  const nodes = masters(service);
  console.log(`${nodes.length} Redis master(s); ${RUNS} sequential runs of each unit's solution`);
  console.log("unit                         commands/run  usec in commands/run  Redis CPU us/run  runs/s per Redis core");
  for (const unit of loadCourse()) {
    for (let i = 0; i < 20; i++) await runOnce(unit); // warm pools and sandboxes
    await Promise.all(nodes.map((n) => n.config("RESETSTAT")));
    const cpuBefore = await Promise.all(nodes.map(cpuOf));
    for (let i = 0; i < RUNS; i++) await runOnce(unit);
    const cpu = (await Promise.all(nodes.map(cpuOf))).reduce((s, c, i) => s + c - cpuBefore[i]!, 0);
    const stats = await commandStats(nodes);
    for (const own of [...stats.keys()].filter((c) => c === "info" || c.startsWith("config"))) stats.delete(own); // this script's own
    const calls = [...stats.values()].reduce((s, e) => s + e.calls, 0);
    const usec = [...stats.values()].reduce((s, e) => s + e.usec, 0);
    const cpuUs = (cpu * 1e6) / RUNS;
    const name = `${unit.order}. ${unit.slug}`.padEnd(28);
    console.log(`${name} ${(calls / RUNS).toFixed(1).padStart(12)} ${(usec / RUNS).toFixed(0).padStart(21)} ${cpuUs.toFixed(0).padStart(17)} ${Math.round(1e6 / cpuUs).toString().padStart(22)}`);
    const top = [...stats].sort((a, b) => b[1].calls - a[1].calls).map(([c, e]) => `${c} ${(e.calls / RUNS).toFixed(1)}`);
    console.log(`   by command: ${top.join(", ")}`);
  }
  service.disconnect();
  await closeWorkerPool();
}

runScript(main);
