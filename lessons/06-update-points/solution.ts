import Redis from "ioredis";

const redis = new Redis();

// Setup (already done before your program runs): points:2 = 200

async function updatePoints(userId: number, points: number): Promise<void> {
  const key = `points:${userId}`;
  const conn = redis.duplicate();
  try {
    for (;;) {
      await conn.watch(key);
      const current = Number((await conn.get(key)) ?? 0);
      const result = await conn.multi().set(key, current + points).exec();
      if (result !== null) return;
      console.log(`Conflict on ${key}, retrying...`);
    }
  } finally {
    await conn.quit();
  }
}

await updatePoints(2, 30);

console.log(`Updated points for user 2: ${await redis.get("points:2")}`);
await redis.quit();
