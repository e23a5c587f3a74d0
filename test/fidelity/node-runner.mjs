// The Node side of the differential tests: a child process that runs learner programs (already
// plain ESM) one at a time with the real ioredis, as `node program.mjs` would - except that
// `new Redis()` with no address reaches the test server and the job's logical database (the
// program's code is untouched), console.* write into the job's output in call order, and
// `sleep(ms)` exists as it does in the playground. Jobs arrive over IPC: { name, file, db };
// each is answered { name, output, error? } once the program and everything it started ended.
import { Console } from "node:console";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import Redis from "ioredis";

const url = new URL(process.env.REDIS_URL);
const defaults = Redis.defaultOptions;
globalThis.sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let current; // the job running now: its output and first uncaught error
const record = (e) => {
  if (current) current.error ??= { name: String(e?.name ?? "Error"), message: String(e?.message ?? e) };
};
process.on("uncaughtException", record);
process.on("unhandledRejection", record);

const sockets = () => process.getActiveResourcesInfo().filter((r) => r === "TCPWrap" || r === "TCPConnectWrap").length;
const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout" || r === "Immediate").length;

async function runJob({ name, file, db }) {
  const job = { output: "", error: undefined };
  current = job;
  Redis.defaultOptions = { ...defaults, host: url.hostname, port: Number(url.port), db };
  const sink = new Writable({ write: (chunk, _enc, cb) => ((job.output += chunk.toString()), cb()) });
  globalThis.console = new Console({ stdout: sink, stderr: sink });
  const openBefore = sockets();
  try {
    await import(pathToFileURL(file).href);
  } catch (e) {
    record(e);
  }
  // The program's timers and replies still run after its last line. A connection it never quit
  // would keep Node alive for ever (the playground ends the run instead): once only such sockets
  // are left, a short grace ends the job.
  const started = Date.now();
  let socketsOnlySince = 0;
  for (;;) {
    await new Promise((r) => setTimeout(r, 2));
    if (job.error || Date.now() - started > 8000) break;
    const t = timers() - 1; // minus the wait above
    if (t > 0) {
      socketsOnlySince = 0;
      continue;
    }
    if (sockets() <= openBefore) break;
    socketsOnlySince ||= Date.now();
    if (Date.now() - socketsOnlySince > 150) break;
  }
  current = undefined;
  process.send({ name, output: job.output, ...(job.error ? { error: job.error } : {}) });
}

process.on("message", (job) => void runJob(job));
process.send({ ready: true });
