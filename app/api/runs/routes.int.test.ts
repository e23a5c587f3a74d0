// The race lab's routes as Next.js calls them, against the real Redis and the real engine:
// body limit, the instructor lock, per-client bounds on runs and SSE, and the presenter's lease.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { CLIENT_COOKIE, issueClientToken } from "@/lib/http/client-id";
import { closeWorkerPool } from "@/lib/runner";
import { readResult } from "@/lib/race/server/meta-store";
import { activeRuns, MAX_RUNS_PER_CLIENT, MAX_VIEWERS_PER_CLIENT } from "@/lib/race/server/admission";
import { serviceRedis } from "@/lib/redis/service-client";

// Short enough for a test, long enough for a heartbeat every 150 ms to keep a run alive.
process.env.RACE_PRESENTER_LEASE_MS = "800";
type Routes = {
  start: typeof import("./route");
  control: typeof import("./[id]/control/route");
  events: typeof import("./[id]/events/route");
};
let routes: Routes;
beforeAll(async () => {
  // The service connection queues nothing while offline (by design): wait until it is up.
  const service = serviceRedis();
  if (service.status !== "ready") await new Promise((r) => service.once("ready", r));
  // Imported after the lease is set: the lease is read once, when the module loads.
  routes = { start: await import("./route"), control: await import("./[id]/control/route"), events: await import("./[id]/events/route") };
});
afterAll(async () => {
  delete process.env.PLAYGROUND_INSTRUCTOR_KEY;
  await closeWorkerPool();
});

const BASE = "http://127.0.0.1";
const stepRun = { mode: "step", unit: "watch-basics", opponent: { op: "INCRBY", key: "counter", value: 10 }, idleSeconds: 300 };

function browser() {
  const jar = new Map<string, string>([[CLIENT_COOKIE, issueClientToken()]]);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  };
  return {
    jar,
    start: async (body: unknown, headers: Record<string, string> = {}) =>
      keep(await routes.start.POST(new NextRequest(`${BASE}/api/runs`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { cookie: cookie(), "content-type": "application/json", ...headers } }))),
    control: async (runId: string, type: string) =>
      routes.control.POST(new NextRequest(`${BASE}/api/runs/${runId}/control`, { method: "POST", body: JSON.stringify({ type }), headers: { cookie: cookie(), "content-type": "application/json" } }), {
        params: Promise.resolve({ id: runId }),
      }),
    watch: async (runId: string, signal: AbortSignal) =>
      routes.events.GET(new NextRequest(`${BASE}/api/runs/${runId}/events`, { headers: { cookie: cookie() }, signal }), { params: Promise.resolve({ id: runId }) }),
    clientKey: () => `c:${jar.get(CLIENT_COOKIE)!.split(".")[0]}`,
  };
}

async function started(res: Response): Promise<string> {
  const body = (await res.json()) as { runId?: string; error?: string };
  if (res.status !== 201 || !body.runId) throw new Error(`start refused (${res.status}): ${body.error}`);
  return body.runId;
}

async function untilEnded(runId: string, withinMs: number) {
  const until = Date.now() + withinMs;
  for (;;) {
    const r = await readResult(runId);
    if (r) return r;
    if (Date.now() > until) return null;
    await new Promise((res) => setTimeout(res, 50));
  }
}

describe("race lab routes", () => {
  it("a body over the request limit is a clear 413, not a crash", async () => {
    const res = await browser().start({ ...stepRun, source: "x".repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(/too large \(over 256 KB\)/);
  });

  it("with PLAYGROUND_INSTRUCTOR_KEY set, starting and controlling need the key; the cookie remembers it; watching stays open", async () => {
    process.env.PLAYGROUND_INSTRUCTOR_KEY = "sesame-1234";
    try {
      const teacher = browser();
      const none = await teacher.start(stepRun);
      expect(none.status).toBe(403);
      expect(((await none.json()) as { error: string }).error).toMatch(/for instructors\. Enter the instructor key/);
      const wrong = await teacher.start({ ...stepRun, instructorKey: "sesame-1235" });
      expect(wrong.status).toBe(403);
      expect(((await wrong.json()) as { error: string }).error).toMatch(/not right/);

      const runId = await started(await teacher.start({ ...stepRun, instructorKey: "sesame-1234" }));
      expect(teacher.jar.get("pg_instructor")).toBeTruthy();
      expect(teacher.jar.get("pg_instructor")).not.toContain("sesame");
      // The cookie alone is enough for the next one (and for controls).
      const second = await started(await teacher.start(stepRun));
      expect((await teacher.control(second, "stop")).status).toBe(200);

      // Someone with the control token but without the key cannot control the run.
      const intruder = browser();
      intruder.jar.set(`race_ctl_${runId}`, teacher.jar.get(`race_ctl_${runId}`)!);
      const ctl = await intruder.control(runId, "step");
      expect(ctl.status).toBe(403);
      // ...but anyone with the link can watch.
      const abort = new AbortController();
      const sse = await intruder.watch(runId, abort.signal);
      expect(sse.status).toBe(200);
      abort.abort();
      await sse.body?.cancel();
      expect((await teacher.control(runId, "stop")).status).toBe(200);
      expect((await untilEnded(runId, 10_000))?.error?.code).toBe("stopped");
      expect((await untilEnded(second, 10_000))?.error?.code).toBe("stopped");
    } finally {
      delete process.env.PLAYGROUND_INSTRUCTOR_KEY;
    }
    // Unset: open again, as for local use.
    const local = browser();
    const runId = await started(await local.start(stepRun));
    expect((await local.control(runId, "stop")).status).toBe(200);
    await untilEnded(runId, 10_000);
  });

  it("one browser gets at most its share of race runs; another browser still starts one", async () => {
    const greedy = browser();
    const mine: string[] = [];
    for (let i = 0; i < MAX_RUNS_PER_CLIENT; i++) mine.push(await started(await greedy.start(stepRun)));
    const over = await greedy.start(stepRun);
    expect(over.status).toBe(429);
    expect(((await over.json()) as { error: string }).error).toMatch(/You already have \d race-lab runs going\. Stop one/);
    const other = browser();
    const theirs = await started(await other.start(stepRun));
    for (const id of mine) await greedy.control(id, "stop");
    await other.control(theirs, "stop");
    for (const id of [...mine, theirs]) expect((await untilEnded(id, 10_000))?.error?.code).toBe("stopped");
    // Stopped runs give their slots back.
    await new Promise((r) => setTimeout(r, 100));
    expect(await activeRuns(serviceRedis(), greedy.clientKey())).toBe(0);
    expect((await greedy.start({ ...stepRun, mode: "staged", attempts: [1], idleSeconds: undefined })).status).toBe(201);
  });

  it("one browser's SSE connections are bounded; the audience still gets in", async () => {
    const presenter = browser();
    const runId = await started(await presenter.start(stepRun));
    const abort = new AbortController();
    const open: Response[] = [];
    for (let i = 0; i < MAX_VIEWERS_PER_CLIENT; i++) {
      const res = await presenter.watch(runId, abort.signal);
      expect(res.status).toBe(200);
      open.push(res);
    }
    const over = await presenter.watch(runId, abort.signal);
    expect(over.status).toBe(429);
    expect(((await over.json()) as { error: string }).error).toMatch(/This browser already has \d+ race runs open live/);
    const student = new AbortController();
    const theirs = await browser().watch(runId, student.signal);
    expect(theirs.status).toBe(200);
    student.abort();
    abort.abort();
    await Promise.all([...open, theirs].map((r) => r.body?.cancel()));
    // Closed streams give their slots back.
    const again = new AbortController();
    const back = await presenter.watch(runId, again.signal);
    expect(back.status).toBe(200);
    again.abort();
    await back.body?.cancel();
    await presenter.control(runId, "stop");
    await untilEnded(runId, 10_000);
  });

  it("a step run whose presenter page is gone is stopped once its lease lapses; heartbeats keep it going", async () => {
    const presenter = browser();
    const kept = await started(await presenter.start(stepRun));
    const abandoned = await started(await presenter.start(stepRun));
    const beat = setInterval(() => void presenter.control(kept, "heartbeat"), 150);
    try {
      // Nobody renews the abandoned run's 800 ms lease: it must end well before its 300 s idle time.
      const gone = await untilEnded(abandoned, 15_000);
      expect(gone?.status).toBe("error");
      expect(gone?.error?.code).toBe("stopped");
      // The kept run outlives several more leases.
      await new Promise((r) => setTimeout(r, 3 * 800));
      expect(await readResult(kept)).toBeNull();
    } finally {
      clearInterval(beat);
    }
    await presenter.control(kept, "stop");
    expect((await untilEnded(kept, 10_000))?.error?.code).toBe("stopped");
    await new Promise((r) => setTimeout(r, 100));
    expect(await activeRuns(serviceRedis(), presenter.clientKey())).toBe(0);
  });
});
