import Redis from "ioredis";

const redis = new Redis();

async function updateBalance(userId: number, increment: number): Promise<number> {
  const key = `balance:${userId}`;
  const conn = redis.duplicate();
  try {
    for (let attempt = 1; ; attempt++) {
      await conn.watch(key);
      const current = Number((await conn.get(key)) ?? 0);
      const next = current + increment;
      console.log(`Attempt ${attempt}: read ${current}, writing ${next}`);
      const result = await conn.multi().set(key, next).exec();
      if (result !== null) return next;
      // EXEC resolved to null: the watched key changed, nothing was written.
      console.log(`Attempt ${attempt}: WatchError - ${key} changed, retrying`);
    }
  } finally {
    await conn.quit();
  }
}

const balance = await updateBalance(1, 50);
console.log(`Updated balance for user 1: ${balance}`);

await redis.quit();
