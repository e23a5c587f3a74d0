import Redis from "ioredis";

const redis = new Redis();

async function updateLikes(postId: number, increment: number): Promise<void> {
  const key = `likes:${postId}`;
  // TODO: open a dedicated connection for this flow: redis.duplicate()
  // TODO: loop until the transaction commits:
  //   TODO: watch the key
  //   TODO: read the current likes (a missing key counts as 0)
  //   TODO: start a transaction with multi() and queue SET key (likes + increment)
  //   TODO: exec(); if it resolves to null another client changed the key - go round again
  // TODO: quit the connection when done
}

await updateLikes(99, 15);
console.log(`Updated likes for post 99: ${await redis.get("likes:99")}`);

await redis.quit();
