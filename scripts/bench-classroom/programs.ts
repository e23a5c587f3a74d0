// What the virtual learners send. Every Run program carries its learner's own numbers (a tag and
// an increment derived from the learner id) so a reply that shows anyone else's - cross-talk
// between runs - is detected. Checks send the units' reference solutions, which must pass.
import { readFileSync } from "node:fs";
import path from "node:path";

/** The units a learner runs, the key its setup creates and that key's starting value. */
const RUN_UNITS = [
  { slug: "watch-basics", key: "balance:1", start: 100 },
  { slug: "observe-balance", key: "balance:1", start: 100 },
  { slug: "score-race", key: "score:1", start: 150 },
  { slug: "update-likes", key: "likes:99", start: 150 },
  { slug: "update-points", key: "points:2", start: 200 },
  { slug: "abort-negative", key: "balance:15", start: 70 },
] as const;

/** Units with a grader, and the folder of their reference solution. */
const CHECK_UNITS = [
  { slug: "abort-negative", dir: "04-abort-negative" },
  { slug: "update-likes", dir: "05-update-likes" },
  { slug: "update-points", dir: "06-update-points" },
] as const;

export interface RunTask {
  kind: "run";
  slug: string;
  source: string;
  /** The one output line a correct, isolated run prints. */
  expected: string;
  /** This learner's tag, e.g. "L17-": any other learner's tag in the output is cross-talk. */
  tag: string;
}
export interface CheckTask {
  kind: "check";
  slug: string;
  source: string;
}
export type Task = RunTask | CheckTask;

/** A WATCH/MULTI/EXEC update of the unit's key by this learner's own increment, tagged with its id. */
export function runTask(learner: number, unitIndex: number, attempt: number): RunTask {
  const unit = RUN_UNITS[unitIndex % RUN_UNITS.length]!;
  const tag = `L${learner}-`;
  const inc = learner * 1000 + attempt;
  const source = `import Redis from "ioredis";
const redis = new Redis();
const me = "${tag}${attempt}";
async function update(key: string, increment: number): Promise<number> {
  const conn = redis.duplicate();
  try {
    for (;;) {
      await conn.watch(key);
      const current = Number((await conn.get(key)) ?? 0);
      const result = await conn.multi().set(key, current + increment).set("owner", me).exec();
      if (result !== null) return current + increment;
    }
  } finally {
    await conn.quit();
  }
}
const value = await update("${unit.key}", ${inc});
console.log(\`\${me} ${unit.key}=\${value} owner=\${await redis.get("owner")}\`);
await redis.quit();
`;
  return { kind: "run", slug: unit.slug, source, tag, expected: `${tag}${attempt} ${unit.key}=${unit.start + inc} owner=${tag}${attempt}` };
}

const solutions = new Map<string, string>();
export function checkTask(unitIndex: number): CheckTask {
  const unit = CHECK_UNITS[unitIndex % CHECK_UNITS.length]!;
  let source = solutions.get(unit.slug);
  if (!source) {
    source = readFileSync(path.join("lessons", unit.dir, "solution.ts"), "utf8");
    solutions.set(unit.slug, source);
  }
  return { kind: "check", slug: unit.slug, source };
}

/** Unit 1's program as the lesson shows it: the closed-loop throughput workload. */
export function unitOneTask(): RunTask {
  const source = readFileSync(path.join("lessons", "01-watch-basics", "starter.ts"), "utf8");
  return { kind: "run", slug: "watch-basics", source, tag: "", expected: "Updated balance for user 1: 150" };
}

export const BUSY_LOOP = "for (;;) {}\n";

export const RUN_UNIT_COUNT = RUN_UNITS.length;
export const CHECK_UNIT_COUNT = CHECK_UNITS.length;
