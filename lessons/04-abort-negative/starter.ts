import Redis from "ioredis";

const redis = new Redis();

// TODO: remove this constant - updateBalance should take `userId` as its first parameter.
const userId = 1;

async function updateBalance(increment: number): Promise<void> {
  const key = `balance:${userId}`;
  const conn = redis.duplicate();
  try {
    for (;;) {
      // TODO: watch the key you read and write, not always balance:1.
      await conn.watch("balance:1");
      const current = Number((await conn.get(key)) ?? 0);
      const next = current + increment;
      // TODO: if `next` is below 0, release the WATCH with unwatch(), report the abort
      // (e.g. "Aborted: balance cannot go negative for user 15") and return without writing.
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

// TODO: pass the user at each call: (1, +100), (15, +10), (15, -100).
await updateBalance(100);
await updateBalance(10);
await updateBalance(-100);

console.log(`Final balance for user 1: ${await redis.get("balance:1")}`);
console.log(`Final balance for user 15: ${await redis.get("balance:15")}`);
await redis.quit();
