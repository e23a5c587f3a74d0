import Redis from "ioredis";

const redis = new Redis();

// Adds `points` to score:<userId> with WATCH, retrying until EXEC commits.
async function updateScore(userId: number, points: number): Promise<void> {
  const key = `score:${userId}`;
  const conn = redis.duplicate();
  try {
    for (let attempt = 1; ; attempt++) {
      await conn.watch(key);
      const current = Number((await conn.get(key)) ?? 0);
      const next = current + points;
      const result = await conn.multi().set(key, next).exec();
      if (result !== null) {
        console.log(`Attempt ${attempt}: committed, ${key} set to ${next}`);
        return;
      }
      console.log(`Attempt ${attempt}: conflict on ${key}, retrying`);
    }
  } finally {
    await conn.quit();
  }
}

// Another client: adds `step` to the score `times` times, pausing briefly in between.
async function busyWriter(userId: number, step: number, times: number): Promise<void> {
  const other = redis.duplicate();
  for (let i = 0; i < times; i++) {
    await other.incrby(`score:${userId}`, step);
    await sleep(1);
  }
  await other.quit();
}

await Promise.all([updateScore(1, 1), busyWriter(1, 50, 50)]);

console.log(`Final score for user 1: ${await redis.get("score:1")}`);
await redis.quit();
