import Redis from "ioredis";

const redis = new Redis();

async function updateBalance(userId: number, increment: number): Promise<void> {
  const key = `balance:${userId}`;
  const conn = redis.duplicate();
  try {
    for (;;) {
      await conn.watch(key);
      const current = Number((await conn.get(key)) ?? 0);
      const next = current + increment;
      if (next < 0) {
        // Nothing was queued, so there is nothing to discard; just stop watching.
        await conn.unwatch();
        console.log(`Aborted: balance cannot go negative for user ${userId}`);
        return;
      }
      const result = await conn.multi().set(key, next).exec();
      if (result !== null) {
        console.log(`Updated balance for user ${userId}: ${next}`);
        return;
      }
      console.log(`Conflict on ${key}, retrying...`);
    }
  } finally {
    await conn.quit();
  }
}

await updateBalance(1, 100);
await updateBalance(15, 10);
await updateBalance(15, -100);

console.log(`Final balance for user 1: ${await redis.get("balance:1")}`);
console.log(`Final balance for user 15: ${await redis.get("balance:15")}`);
await redis.quit();
