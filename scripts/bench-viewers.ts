// SSE viewers of one live race run, for the capacity model: `npm run bench:viewers [-- --levels 50,100,200]`
// (`PLAYGROUND_REDIS=cluster npm run bench:viewers` on a local Redis Cluster).
//
// Against a production build started here (`next start`; build first). For each level N, a live
// race run (B writes every 20 ms, 500 times) is started and N viewers open its SSE stream, each
// as its own browser (its own X-Forwarded-For: the per-browser cap is 20 views, the per-instance
// cap RACE_MAX_VIEWERS=200). Once all N are connected it reads:
//   - server RSS per viewer: (RSS with N viewers - RSS of the same run with none) / N
//   - Redis connections per viewer: connected_clients over every master, the same difference / N,
//     and the connections named pg-viewer (CLIENT LIST)
//   - delivery latency: the stream entry's id (its XADD time, ms) to the moment a viewer's read
//     returned it, over every viewer and every event XADDed after all were connected
// The bench's own client (N streams parsed in one Node process) shares the machine: on 2 cores
// its CPU is part of the latency. `uptime` is printed so the figures carry the machine's load.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { createServiceRedis, isCluster, masters } from "../lib/redis/service-client";
import { start, treeRss } from "./bench-classroom/server";

const { values } = parseArgs({
  options: {
    levels: { type: "string", default: "50,100,200" },
    port: { type: "string", default: process.env.BENCH_VIEWERS_PORT ?? "3130" },
  },
});
const levels = values.levels.split(",").map(Number).filter((n) => n > 0);
const now = () => performance.timeOrigin + performance.now();
const LIVE = { mode: "live", unit: "watch-basics", opponent: { op: "INCRBY", key: "balance:1", value: 1 }, times: 500, everyMs: 20 } as const;

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s.at(-1) ?? NaN };
}
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const uptime = () => execFileSync("uptime", { encoding: "utf8" }).trim();

if (!existsSync(".next/BUILD_ID")) {
  console.error("No production build (.next/BUILD_ID): run `npx next build` first.");
  process.exit(2);
}
const redis = createServiceRedis();
await new Promise<void>((resolve) => (redis.status === "ready" ? resolve() : redis.once("ready", () => resolve())));

/** connected_clients over every master, and the viewers' named connections. */
async function redisClients(): Promise<{ all: number; viewers: number }> {
  let all = 0;
  let viewers = 0;
  for (const node of masters(redis)) {
    all += Number(/connected_clients:(\d+)/.exec(await node.info("clients"))?.[1] ?? 0);
    const list = (await node.call("CLIENT", "LIST", "TYPE", "normal")) as string;
    viewers += list.split("\n").filter((l) => / name=pg-viewer /.test(l)).length;
  }
  return { all, viewers };
}

async function startRun(base: string): Promise<string> {
  const res = await fetch(`${base}/api/runs`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": "10.99.0.1" }, body: JSON.stringify(LIVE) });
  if (res.status !== 201) throw new Error(`starting the live run: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { runId: string }).runId;
}

interface Viewer {
  connected: Promise<void>;
  done: Promise<{ latencies: number[]; events: number; ended: boolean }>;
}

/** One browser's EventSource, as a plain fetch: frames parsed, each id's XADD time to its receipt. */
function openViewer(base: string, runId: string, i: number, countFrom: () => number): Viewer {
  let connected!: () => void;
  const connectedP = new Promise<void>((r) => (connected = r));
  const done = (async () => {
    const address = `10.${100 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`;
    const res = await fetch(`${base}/api/runs/${runId}/events`, { headers: { "x-forwarded-for": address } });
    if (res.status !== 200) throw new Error(`viewer ${i}: ${res.status} ${await res.text()}`);
    const reader = res.body!.getReader();
    const dec = new TextDecoder();
    const latencies: number[] = [];
    let buf = "";
    let events = 0;
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) return { latencies, events, ended: false };
      const t = now();
      buf += dec.decode(value, { stream: true });
      const frames = buf.split("\n\n");
      buf = frames.pop()!;
      for (const fr of frames) {
        if (/^: connected$/m.test(fr)) connected();
        const id = /^id: (\d+)-\d+$/m.exec(fr)?.[1];
        if (id) {
          events++;
          if (Number(id) >= countFrom()) latencies.push(t - Number(id));
        }
        if (/^event: close$/m.test(fr)) {
          await reader.cancel();
          return { latencies, events, ended: true };
        }
      }
    }
  })();
  return { connected: connectedP, done };
}

console.log(`SSE viewers of one live race run (B writes ${LIVE.times} times every ${LIVE.everyMs} ms) on ${isCluster(redis) ? `a Redis Cluster (${masters(redis).length} masters)` : "one Redis server"}`);
console.log(`uptime at start: ${uptime()}`);
const server = await start(Number(values.port));
try {
  // Warm: the sandbox pool has run once, so the first level does not pay for it.
  for (let i = 0; i < 300; i++) {
    const h = (await (await fetch(`${server.url}/api/health`)).json()) as { warm?: boolean };
    if (h.warm) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  // The same run with nobody watching: the baseline each level's figures are taken from.
  const quietRun = await startRun(server.url);
  await new Promise((r) => setTimeout(r, 2000));
  const base = { rss: treeRss(server.pid), clients: await redisClients() };
  const drain = openViewer(server.url, quietRun, 0, () => Infinity);
  await drain.done;
  console.log(`baseline (the run, no viewer): server RSS ${mb(base.rss)}, Redis connections ${base.clients.all}`);
  console.log("viewers | connected in | RSS/viewer | Redis conns/viewer | pg-viewer conns | latency median | p95 | max | samples | all ended");
  for (const n of levels) {
    const runId = await startRun(server.url);
    let from = Infinity;
    const t0 = now();
    const viewers = Array.from({ length: n }, (_, i) => openViewer(server.url, runId, i + 1, () => from));
    await Promise.all(viewers.map((v) => v.connected));
    const connectedMs = now() - t0;
    from = now() + 50;
    await new Promise((r) => setTimeout(r, 1000));
    const rss = treeRss(server.pid);
    const clients = await redisClients();
    const results = await Promise.all(viewers.map((v) => v.done));
    const lat = stats(results.flatMap((r) => r.latencies));
    const ended = results.filter((r) => r.ended).length;
    console.log(
      [
        String(n).padStart(7),
        `${connectedMs.toFixed(0)} ms`.padStart(12),
        `${((rss - base.rss) / n / 1024).toFixed(0)} KB`.padStart(10),
        ((clients.all - base.clients.all) / n).toFixed(2).padStart(18),
        String(clients.viewers).padStart(15),
        `${lat.median.toFixed(1)} ms`.padStart(14),
        `${lat.p95.toFixed(1)} ms`.padStart(8),
        `${lat.max.toFixed(0)} ms`.padStart(7),
        String(lat.n).padStart(7),
        `${ended}/${n}`.padStart(9),
      ].join(" | "),
    );
    // Let the instance settle (viewers released, the run's cleanup done) before the next level.
    await new Promise((r) => setTimeout(r, 1500));
  }
  console.log("(stream ids have 1 ms resolution: a latency may read up to 1 ms high)");
  console.log(`uptime at end: ${uptime()}`);
} finally {
  await server.stop();
  redis.disconnect();
}
