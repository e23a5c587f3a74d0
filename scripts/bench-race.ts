// Race-lab figures: `node scripts/with-redis.mjs -- npx tsx scripts/bench-race.ts [--quick]`
//  1. Crowd runs (K clients, one key, WATCH retry loop vs one atomic INCRBY each), through the real
//     engine: attempts per commit, the most attempts one client needed, final value exact?, time.
//  2. Event latency from Redis to a consumer: XADD time (the stream id's ms timestamp) to receipt,
//     (a) by an SSE client (plain fetch of /api/runs/<id>/events) of a `next start` this script
//     starts when a build exists (.next/BUILD_ID), and (b) by a direct XREAD BLOCK consumer.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import Redis from "ioredis";
import { closeWorkerPool, runProgram } from "../lib/runner/index";
import { loadUnit } from "../lib/lessons/loader";
import { buildRaceRun } from "../lib/race/plan";
import { startRaceSchema } from "../lib/race/schema";
import { toMeasurement } from "../lib/race/server/start";
import { serviceKeys } from "../lib/redis/namespace";
import { parseStreamedEvent } from "../lib/race-stream";

const url = process.env.REDIS_URL!;
const quick = process.argv.includes("--quick");
const PORT = Number(process.env.BENCH_RACE_PORT ?? 3120);
const now = () => performance.timeOrigin + performance.now();

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s.at(-1) ?? NaN };
}
const f = (n: number) => n.toFixed(2);

// ---- 1. crowd figures ---------------------------------------------------------------------
console.log("K clients on one key (one run each, through the sandboxed engine)");
console.log("   K | WATCH attempts/commit | max by one client | final exact? | WATCH ms | INCRBY ms");
for (const k of quick ? [1, 10, 50] : [1, 2, 5, 10, 20, 50]) {
  const row: string[] = [];
  for (const atomic of [false, true]) {
    const built = buildRaceRun(startRaceSchema.parse({ mode: "crowd", clients: k, atomic }), () => undefined);
    if (!built.ok) throw new Error(built.message);
    const r = await runProgram(built.request);
    if (r.status !== "ok") throw new Error(`crowd K=${k} failed: ${r.error?.message}`);
    const m = toMeasurement(r, k, atomic);
    if (!atomic) row.push(String(k).padStart(4), f(m.attemptsPerCommit).padStart(21), String(m.maxAttempts).padStart(17), `${m.exact ? "yes" : "NO"} (${m.final})`.padStart(12), m.ms.toFixed(0).padStart(8));
    else row.push(`${m.ms.toFixed(0).padStart(9)}${m.exact ? "" : " (NOT exact)"}`);
  }
  console.log(row.join(" | "));
}

// ---- 2. latency -----------------------------------------------------------------------------
const unit = loadUnit("watch-basics")!;
const liveInput = { mode: "live", unit: unit.slug, opponent: { op: "INCRBY", key: "balance:1", value: 1 }, times: quick ? 100 : 300, everyMs: 5 } as const;

/** (b) Direct consumer: XREAD BLOCK on its own connection, started before the run. */
async function directXread(): Promise<number[]> {
  const built = buildRaceRun(startRaceSchema.parse(liveInput), (s) => loadUnit(s));
  if (!built.ok) throw new Error(built.message);
  const runId = `bench-${Date.now().toString(36)}`;
  const conn = new Redis(url);
  const keys = serviceKeys(runId);
  const lat: number[] = [];
  const consume = (async () => {
    let last = "0";
    for (;;) {
      const res = (await conn.xread("BLOCK", 5000, "STREAMS", keys.events, last)) as [string, [string, string[]][]][] | null;
      if (!res) throw new Error("no event within 5 s");
      const t = now();
      for (const [id, fields] of res[0]![1]) {
        last = id;
        lat.push(t - Number(id.split("-")[0]));
        if (parseStreamedEvent(fields[1])?.kind === "end") return;
      }
    }
  })();
  await runProgram({ ...built.request, runId, stream: true });
  await consume;
  await conn.del(keys.events, keys.result);
  conn.disconnect();
  return lat;
}

/** (a) SSE: a plain fetch of the route, parsing frames; only events XADDed after it connected. */
async function viaSse(base: string): Promise<number[]> {
  const res = await fetch(`${base}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(liveInput) });
  const { runId } = (await res.json()) as { runId: string };
  const sse = await fetch(`${base}/api/runs/${runId}/events`);
  const connectedAt = now();
  const reader = sse.body!.getReader();
  const dec = new TextDecoder();
  const lat: number[] = [];
  let buf = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const t = now();
    buf += dec.decode(value, { stream: true });
    const frames = buf.split("\n\n");
    buf = frames.pop()!;
    for (const fr of frames) {
      const id = /^id: (\d+)-\d+$/m.exec(fr)?.[1];
      if (id && Number(id) >= connectedAt) lat.push(t - Number(id));
      if (/^event: close$/m.test(fr)) return lat;
    }
  }
  return lat;
}

async function startServer(): Promise<ChildProcess | null> {
  if (!existsSync(".next/BUILD_ID")) return null;
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(PORT), "-H", "127.0.0.1"], { detached: true, stdio: "ignore", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await fetch(`http://127.0.0.1:${PORT}/api/health`).then((r) => r.ok, () => false)) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  process.kill(-child.pid!, "SIGTERM");
  return null;
}

console.log(`\nEvent latency, XADD (stream id ms) -> consumer receives it; live run: B writes ${liveInput.times} times every ${liveInput.everyMs} ms`);
console.log("(stream ids have 1 ms resolution, so each figure may read up to 1 ms high)");
const direct = stats(await directXread());
console.log(`  direct XREAD BLOCK consumer : median ${f(direct.median)} ms, p95 ${f(direct.p95)} ms, max ${f(direct.max)} ms (n=${direct.n})`);
const server = await startServer();
if (server) {
  try {
    const s = stats(await viaSse(`http://127.0.0.1:${PORT}`));
    console.log(`  SSE via next start (fetch)  : median ${f(s.median)} ms, p95 ${f(s.p95)} ms, max ${f(s.max)} ms (n=${s.n})`);
  } finally {
    process.kill(-server.pid!, "SIGTERM");
  }
} else console.log("  SSE: skipped - no production build here (.next/BUILD_ID); run `npx next build` first to measure through the route.");
await closeWorkerPool();
