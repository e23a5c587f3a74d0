// What a phase cost Redis, per master: commands, CPU and memory. INFO is read from every
// master before and after the phase (and used_memory every 500 ms), so the capacity model can
// say how many commands an action sends and how many actions one Redis core can serve.
import type Redis from "ioredis";
import { createServiceRedis, masters, type ServiceRedis } from "../../lib/redis/service-client";

interface NodeSample {
  commands: number;
  cpuSeconds: number;
  usedMemory: number;
}

export interface RedisCost {
  nodes: number;
  /** Commands Redis executed, all masters together. */
  commands: number;
  /** Redis CPU (user + sys) over the phase, all masters together, in seconds. */
  cpuSeconds: number;
  /** The busiest master's share of one core over the phase. */
  busiestCore: number;
  /** Peak minus starting used_memory, summed over masters. */
  memoryGrowth: number;
}

const field = (info: string, name: string): number => Number(new RegExp(`^${name}:([0-9.]+)`, "m").exec(info)?.[1] ?? 0);

async function sample(node: Redis): Promise<NodeSample> {
  const [stats, cpu, memory] = await Promise.all([node.info("stats"), node.info("cpu"), node.info("memory")]);
  return {
    commands: field(stats, "total_commands_processed"),
    cpuSeconds: field(cpu, "used_cpu_user") + field(cpu, "used_cpu_sys"),
    usedMemory: field(memory, "used_memory"),
  };
}

/** Starts watching; `stop()` returns what the phase cost. The INFO calls themselves are a handful of commands. */
export async function watchRedis(): Promise<{ stop: () => Promise<RedisCost> }> {
  const client: ServiceRedis = createServiceRedis();
  if (client.status !== "ready") await new Promise<void>((resolve) => client.once("ready", () => resolve()));
  const nodes = masters(client);
  const started = Date.now();
  const before = await Promise.all(nodes.map(sample));
  const peak = before.map((s) => s.usedMemory);
  const timer = setInterval(() => {
    nodes.forEach((n, i) => void n.info("memory").then((m) => (peak[i] = Math.max(peak[i]!, field(m, "used_memory"))), () => {}));
  }, 500);
  return {
    stop: async () => {
      clearInterval(timer);
      const after = await Promise.all(nodes.map(sample));
      const seconds = (Date.now() - started) / 1000;
      client.disconnect();
      const cpu = after.map((a, i) => a.cpuSeconds - before[i]!.cpuSeconds);
      return {
        nodes: nodes.length,
        commands: after.reduce((s, a, i) => s + a.commands - before[i]!.commands, 0),
        cpuSeconds: cpu.reduce((s, c) => s + c, 0),
        busiestCore: Math.max(...cpu) / seconds,
        memoryGrowth: peak.reduce((s, p, i) => s + Math.max(0, p - before[i]!.usedMemory), 0),
      };
    },
  };
}
