import Redis from "ioredis";

const redis = new Redis();

// Setup (already done before your program runs): points:2 = 200

// Write updatePoints(userId, points) here, then call updatePoints(2, 30).

console.log(`Updated points for user 2: ${await redis.get("points:2")}`);
await redis.quit();
