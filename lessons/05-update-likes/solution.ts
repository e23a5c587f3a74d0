import Redis from "ioredis";

const redis = new Redis();

async function updateLikes(postId: number, increment: number): Promise<void> {
  const key = `likes:${postId}`;
  const conn = redis.duplicate();
  try {
    for (;;) {
      await conn.watch(key);
      const likes = Number((await conn.get(key)) ?? 0);
      const result = await conn.multi().set(key, likes + increment).exec();
      if (result !== null) return;
      console.log(`Conflict on ${key}, retrying...`);
    }
  } finally {
    await conn.quit();
  }
}

await updateLikes(99, 15);
console.log(`Updated likes for post 99: ${await redis.get("likes:99")}`);

await redis.quit();
