// `npm run bench:classroom`: virtual learners through the real HTTP server actions of a
// production build, with and without one hostile neighbour. Prints per phase: throughput,
// p50/p95/p99 of the innocent learners' Run and Check, errors by kind, cross-talk, the load
// average and the server's memory. See --help; defaults keep the whole bench under ~3 min.
import { parseArgs } from "node:util";
import { build, start, actionIds, treeRss, type StartedServer } from "./bench-classroom/server";
import { classroom, closedLoop, type Target } from "./bench-classroom/phases";
import { currentLoad, printPhase, type PhaseReport, type Tally } from "./bench-classroom/tally";
import { watchRedis } from "./bench-classroom/redis-load";
import { runScript } from "./run-script";

const HELP = `usage: npm run bench:classroom -- [options]
  --url URL          use a running server (then --pid PID to report its memory); default: build and start one
  --no-build         start the existing build (.next) instead of building first
  --port N           port for the server started here (default 3301)
  --phases LIST      which phases to run, e.g. 1,3 (default 1,2,3,4)
  --levels LIST      closed-loop runs in flight (default 16,64,256)
  --level-ms MS      measured time per level (default 8000, after 2000 of warm-up)
  --learners N       classroom size for phases 2 and 3 (default 100)
  --big N            classroom size for phase 4 (default 200)
  --phase-ms MS      length of each classroom phase (default 30000)
  --check-share F    share of classroom actions that are a Check (default 0.25; a Check is 4-5 runs)
  --hostile N        busy loops the neighbour keeps in flight in phase 3 (default 20)
  --settle-ms MS     idle time after each phase before "after" memory is read (default 3000)
  --xff              give each learner its own X-Forwarded-For (servers without a client cookie)
  --keep-server      one server for all phases (default: a fresh one per phase, so no phase inherits
                     the previous one's backlog or memory; only when the bench started the server)`;

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    pid: { type: "string" },
    "no-build": { type: "boolean" },
    port: { type: "string", default: "3301" },
    phases: { type: "string", default: "1,2,3,4" },
    levels: { type: "string", default: "16,64,256" },
    "level-ms": { type: "string", default: "8000" },
    learners: { type: "string", default: "100" },
    big: { type: "string", default: "200" },
    "phase-ms": { type: "string", default: "30000" },
    hostile: { type: "string", default: "20" },
    "check-share": { type: "string", default: "0.25" },
    "settle-ms": { type: "string", default: "3000" },
    xff: { type: "boolean" },
    "keep-server": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const num = (s: string | undefined) => Number(s);
const phases = new Set(values.phases!.split(",").map(Number));
const think: [number, number] = [2000, 8000];

type Work = () => Promise<{ innocent: Tally; hostile?: Tally; seconds: number }>;

async function main(): Promise<void> {
  let server: StartedServer | undefined;
  let url = values.url;
  let pid = values.pid ? num(values.pid) : undefined;
  if (!url) {
    if (!values["no-build"]) build();
    server = await start(num(values.port));
    url = server.url;
    pid = server.pid;
  }
  const target: Target = { url, ids: actionIds(), xff: Boolean(values.xff) };
  let phasesRun = 0;

  /** Runs one phase, on a fresh server unless --keep-server (or --url), sampling its memory. */
  const measured = async (name: string, work: Work): Promise<PhaseReport> => {
    if (phasesRun++ > 0 && server && !values["keep-server"]) {
      await server.stop();
      server = await start(num(values.port));
      pid = server.pid;
    }
    const before = treeRss(pid);
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, treeRss(pid))), 500);
    const redisCost = await watchRedis();
    try {
      const { innocent, hostile, seconds } = await work();
      const load = currentLoad();
      const redis = await redisCost.stop();
      await new Promise((r) => setTimeout(r, num(values["settle-ms"])));
      return { name, seconds, innocent, hostile, load, redis, rss: { before, peak, after: treeRss(pid) } };
    } finally {
      clearInterval(timer);
    }
  };

  console.log(`classroom bench against ${url} (load average at start: ${currentLoad().map((l) => l.toFixed(2)).join(" ")})`);
  try {
    if (phases.has(1)) {
      for (const n of values.levels!.split(",").map(Number)) {
        let cookies = 0;
        const report = await measured(`1. closed loop, unit 1 Run, ${n} in flight`, async () => {
          const r = await closedLoop(target, n, 2000, num(values["level-ms"]));
          cookies = r.cookies;
          return { innocent: r.tally, seconds: r.seconds };
        });
        printPhase(report);
        if (cookies === 0 && !values.xff) console.log("  note: the server set no cookie, so all learners share one client identity (its address)");
      }
    }
    const room = (learners: number, hostileLoops: number): Work => () =>
      classroom(target, { learners, durationMs: num(values["phase-ms"]), thinkMs: think, hostileLoops, checkShare: num(values["check-share"]) });
    if (phases.has(2)) printPhase(await measured(`2. classroom of ${values.learners} learners`, room(num(values.learners), 0)));
    if (phases.has(3)) printPhase(await measured(`3. classroom of ${values.learners} learners + one neighbour with ${values.hostile} busy loops`, room(num(values.learners), num(values.hostile))));
    if (phases.has(4)) printPhase(await measured(`4. classroom of ${values.big} learners`, room(num(values.big), 0)));
  } finally {
    await server?.stop();
  }
}

runScript(main);
