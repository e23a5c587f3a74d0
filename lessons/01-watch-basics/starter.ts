import Redis from "ioredis";

const redis = new Redis();

// Adds `increment` to balance:<userId> without losing a concurrent update.
async function updateBalance(userId: number, increment: number): Promise<number> {
  const key = `balance:${userId}`;
  // WATCH state belongs to a connection, so this flow gets its own.
  const conn = redis.duplicate();
  try {
    for (;;) {
      // 1. Watch first, so any change from here on is noticed.
      await conn.watch(key);
      // 2. Read the current value; a missing key counts as 0.
      const current = Number((await conn.get(key)) ?? 0);
      const next = current + increment;
      // 3-5. Queue the write inside MULTI and try to commit it.
      const result = await conn.multi().set(key, next).exec();
      // 6. null means another client changed the key: nothing was written.
      if (result !== null) return next;
      console.log(`Conflict on ${key}, retrying...`);
    }
  } finally {
    await conn.quit();
  }
}

const balance = await updateBalance(1, 50);
console.log(`Updated balance for user 1: ${balance}`);

await redis.quit();
