// The bench's workloads. Each learner is its own LearnerClient (own cookies), so per-client
// bounds see a classroom, not one client; the hostile neighbour has a cookie of its own too.
import { LearnerClient, type ActionIds } from "./learner-client";
import { BUSY_LOOP, CHECK_UNIT_COUNT, checkTask, RUN_UNIT_COUNT, runTask, unitOneTask, type Task } from "./programs";
import { Tally } from "./tally";
import { judge } from "./verdict";

export interface Target {
  url: string;
  ids: ActionIds;
  /** A distinct X-Forwarded-For per learner (for servers that fall back to the address). */
  xff: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let learnerSeq = 0;

async function newLearner(t: Target, slug = "watch-basics"): Promise<{ id: number; client: LearnerClient }> {
  const id = ++learnerSeq;
  const client = new LearnerClient(t.url, t.ids, t.xff ? `10.${(id >> 16) & 255}.${(id >> 8) & 255}.${id & 255}` : undefined);
  await client.open(slug);
  return { id, client };
}

/** Sends one action; `tally` may be a function choosing where it counts once it has answered. */
async function send(client: LearnerClient, task: Task, tally: Tally | (() => Tally | undefined)): Promise<void> {
  const outcome = task.kind === "run" ? await client.run(task.slug, task.source) : await client.check(task.slug, task.source);
  const into = typeof tally === "function" ? tally() : tally;
  into?.add(task.kind, outcome.ms, judge(task, outcome));
}

/**
 * Closed loop: `inFlight` learners each send unit 1's Run again as soon as the last one answers.
 * Counts the answers that arrived in the measured window (after the warm-up).
 */
export async function closedLoop(t: Target, inFlight: number, warmupMs: number, measureMs: number): Promise<{ tally: Tally; seconds: number; cookies: number }> {
  const learners = await Promise.all(Array.from({ length: inFlight }, () => newLearner(t)));
  const task = unitOneTask();
  const tally = new Tally();
  const startAt = performance.now() + warmupMs;
  const endAt = startAt + measureMs;
  // Runs/s is what answered inside the window, whenever it was sent; later answers are awaited, not counted.
  const inWindow = () => {
    const now = performance.now();
    return now >= startAt && now <= endAt ? tally : undefined;
  };
  await Promise.all(
    learners.map(async ({ client }) => {
      while (performance.now() < endAt) await send(client, task, inWindow);
    }),
  );
  const seconds = measureMs / 1000;
  return { tally, seconds, cookies: learners.filter((l) => l.client.cookieNames().length > 0).length };
}

export interface ClassroomOptions {
  learners: number;
  durationMs: number;
  thinkMs: [number, number];
  /** Busy loops the hostile neighbour keeps in flight (0: no neighbour). */
  hostileLoops: number;
  /** Share of actions that are a Check (each Check is 4-5 runs on the server). */
  checkShare: number;
}

/** A classroom: learners think 2-8 s, then Run a unit or Check one (checkShare); optionally one hostile neighbour. */
export async function classroom(t: Target, o: ClassroomOptions): Promise<{ innocent: Tally; hostile?: Tally; seconds: number }> {
  const innocent = new Tally();
  const hostile = o.hostileLoops > 0 ? new Tally() : undefined;
  const learners = await Promise.all(Array.from({ length: o.learners }, () => newLearner(t)));
  const t0 = performance.now();
  const endAt = t0 + o.durationMs;
  let last = t0;
  const think = () => o.thinkMs[0] + Math.random() * (o.thinkMs[1] - o.thinkMs[0]);
  const neighbour = hostile ? runHostile(t, o.hostileLoops, endAt, hostile) : Promise.resolve();
  await Promise.all(
    learners.map(async ({ id, client }) => {
      // Spread the first actions over one think time, as a class that starts reading at once.
      await sleep(Math.random() * o.thinkMs[1]);
      for (let attempt = 1; performance.now() < endAt; attempt++) {
        const task = Math.random() >= o.checkShare ? runTask(id, Math.floor(Math.random() * RUN_UNIT_COUNT), attempt) : checkTask(Math.floor(Math.random() * CHECK_UNIT_COUNT));
        await send(client, task, innocent);
        last = Math.max(last, performance.now());
        await sleep(Math.min(think(), endAt - performance.now()));
      }
    }),
  );
  await neighbour;
  // Up to the last innocent answer: the neighbour's stragglers are not the class's time.
  return { innocent, hostile, seconds: (last - t0) / 1000 };
}

async function runHostile(t: Target, loops: number, endAt: number, tally: Tally): Promise<void> {
  const { client } = await newLearner(t);
  const task: Task = { kind: "run", slug: "watch-basics", source: BUSY_LOOP, tag: "", expected: "" };
  await Promise.all(
    Array.from({ length: loops }, async () => {
      while (performance.now() < endAt) await send(client, task, tally);
    }),
  );
}
