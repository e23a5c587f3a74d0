// Admission through the real engine: per-client shares, the fair queue's bound, and a wall limit
// that does not charge one client's run for another's busy loop. One worker thread, so the busy
// neighbour and the innocent run share it for sure.
process.env.PLAYGROUND_WORKERS = "1";
import { afterEach, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { adminRedis, run } from "../test-support";
import { BUSY, CLIENT_BOUNDS, configureAdmission, REFUSAL_PAUSE_MS } from "../../admission";
import { keyPrefix } from "../../redis/namespace";
import { loadCourse } from "../../lessons/loader";
import { gradeSubmission } from "../../lessons/grade";
import { buildScenarios } from "../../lessons/grading/scenarios";
import { loadChecks } from "../../lessons/grading/checks-loader";

const sleeper = (ms: number) => `await sleep(${ms});\nconsole.log("done");`;
const client = (name: string) => `c:${name}-${randomBytes(3).toString("hex")}`;

afterEach(() => configureAdmission({}));

describe("per-client shares", () => {
  it(`a client with ${CLIENT_BOUNDS.inFlight} runs in flight is refused another, others are not`, async () => {
    const me = client("inflight");
    const mine = Array.from({ length: CLIENT_BOUNDS.inFlight }, () => run(sleeper(400), { client: me }));
    const asked = performance.now();
    const extra = await run(sleeper(0), { client: me });
    // Answered after a pause, so a client re-sending at once can't keep the server busy refusing it.
    expect(performance.now() - asked).toBeGreaterThanOrEqual(REFUSAL_PAUSE_MS - 5);
    const other = await run(sleeper(0), { client: client("other") });
    expect(extra.error?.code).toBe("rate_limited");
    expect(extra.error?.message).toMatch(/^You're running code very quickly - wait \d+ s and try again \(you already have 2 runs going/);
    expect(other.status).toBe("ok");
    for (const r of await Promise.all(mine)) expect(r.status).toBe("ok");
    expect((await run(sleeper(0), { client: me })).status).toBe("ok");
  });

  it(`a client is refused its run number ${CLIENT_BOUNDS.perMinute + 1} within a minute, with the wait`, async () => {
    const me = client("minute");
    for (let done = 0; done < CLIENT_BOUNDS.perMinute; done += CLIENT_BOUNDS.inFlight) {
      const batch = await Promise.all(Array.from({ length: CLIENT_BOUNDS.inFlight }, () => run(`console.log(1);`, { client: me })));
      for (const r of batch) expect(r.error).toBeUndefined();
    }
    const over = await run(`console.log(1);`, { client: me });
    expect(over.error?.code).toBe("rate_limited");
    expect(over.error?.message).toMatch(/wait \d+ s and try again \(at most 120 runs a minute\)/);
    expect((await run(`console.log(1);`, { client: client("fresh") })).status).toBe("ok");
  });

  it("a client whose busy loops used up its CPU share waits; its neighbours don't", async () => {
    // A slow refill (10 s to the floor), so that two loops taking long on a busy machine do not
    // refill the bucket enough for the third.
    configureAdmission({}, { cpuPerSecondMs: 5 });
    const me = client("cpu");
    const loops = [];
    // A full bucket covers two loops' worst case; the third must wait for the refill.
    for (let i = 0; i < 2; i++) loops.push(await run(`for (;;) {}`, { client: me }));
    for (const r of loops) expect(r.error?.code).toBe("cpu_limit");
    const next = await run(`console.log(1);`, { client: me });
    expect(next.error?.code).toBe("rate_limited");
    expect(next.error?.message).toMatch(/kept the CPU busy for a long time/);
    expect((await run(`console.log(1);`, { client: client("calm") })).status).toBe("ok");
  });

  it("once its CPU share is spent, a client's next busy loop is stopped after the floor, and told why", async () => {
    const me = client("floor");
    for (let i = 0; i < 2; i++) expect((await run(`for (;;) {}`, { client: me })).error?.code).toBe("cpu_limit");
    // The bucket refills 25 ms/s: after the refusal's pause and this wait it holds about the floor.
    await new Promise((r) => setTimeout(r, (CLIENT_BOUNDS.cpuFloorMs / CLIENT_BOUNDS.cpuPerSecondMs) * 1000));
    const short = await run(`for (;;) {}`, { client: me });
    expect(short.error?.code).toBe("cpu_limit");
    expect(short.error?.message).toMatch(/less CPU time than usual: this browser's recent runs used most of its share/);
    // Stopped near the grant (about the floor), far from the default limit.
    expect(short.timings.cpuMs).toBeLessThan(CLIENT_BOUNDS.cpuReserveMs / 2);
    const calm = await run(`for (;;) {}`, { client: client("calm-loop") });
    expect(calm.error?.message).not.toMatch(/less CPU time than usual/);
  });

  it("a Check is one unit in flight for its client, however many runs it makes", async () => {
    // A unit whose Check makes more runs than the client may have in flight.
    const unit = loadCourse().find((u) => buildScenarios(loadChecks(u.slug)).length > CLIENT_BOUNDS.inFlight)!;
    expect(unit).toBeDefined();
    const graded = await gradeSubmission(unit, unit.solution!, { client: client("check") });
    expect(graded.error).toBeUndefined();
    expect(graded.status).toBe("pass");
  });
});

describe("the pool's queue", () => {
  it("when the queue is full a run ends as busy at once, and queued runs report their wait", async () => {
    configureAdmission({ slots: 1, queueCapacity: 1 });
    const first = run(sleeper(300));
    const queued = run(sleeper(0));
    const refused = await run(sleeper(0));
    expect(refused.status).toBe("error");
    expect(refused.error).toEqual(BUSY);
    expect(refused.error?.message).toMatch(/This isn't your code/);
    const [a, b] = await Promise.all([first, queued]);
    expect(a.status).toBe("ok");
    expect(b.status).toBe("ok");
    expect(b.timings.queueMs).toBeGreaterThan(0);
    expect(a.timings.queueMs).toBe(0);
  });
});

describe("the wall limit charges a run only for time it could make progress", () => {
  it("another client's busy loop on the same thread does not make an innocent run time out", async () => {
    const runId = `innocent-${randomBytes(4).toString("hex")}`;
    // The innocent run marks that it started, then sleeps; the neighbour's loop starts meanwhile
    // and holds the thread far longer than the innocent's whole wall limit.
    const innocent = run(
      `import Redis from "ioredis";\nconst r = new Redis();\nawait r.set("started", "1");\nawait sleep(300);\nconsole.log(await r.get("started"));`,
      { runId, limits: { wallMs: 1500 }, client: client("innocent") },
    );
    const marker = keyPrefix(runId) + "started";
    while (!(await adminRedis().exists(marker))) await new Promise((r) => setTimeout(r, 5));
    const neighbour = await run(`for (;;) {}`, { limits: { cpuMs: 3000 }, client: client("busy") });
    const r = await innocent;
    expect(neighbour.error?.code).toBe("cpu_limit");
    expect(r.error).toBeUndefined();
    expect(r.output).toEqual(["1"]);
    // What was not charged is the neighbour's hold on the thread: at least its CPU (more on a busy machine).
    expect(r.timings.blockedMs).toBeGreaterThanOrEqual(neighbour.timings.cpuMs - 1);
  });
});
