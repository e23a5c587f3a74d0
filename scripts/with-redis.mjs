// Runs a command with REDIS_URL set: the caller's, or a local redis-server for its lifetime.
// With PLAYGROUND_REDIS=cluster: REDIS_CLUSTER_NODES instead, the caller's or a local cluster.
//   node scripts/with-redis.mjs [--quiet] -- <command> [args...]
import { spawn } from "node:child_process";
import { redisTargetForThisProcess } from "./redis-target.mjs";

const argv = process.argv.slice(2);
const quiet = argv[0] === "--quiet";
const sep = argv.indexOf("--");
const cmd = sep >= 0 ? argv.slice(sep + 1) : [];
if (cmd.length === 0) {
  console.error("usage: node scripts/with-redis.mjs [--quiet] -- <command> [args...]");
  process.exit(2);
}
const redis = await redisTargetForThisProcess({ quiet });
const child = spawn(cmd[0], cmd.slice(1), {
  stdio: "inherit",
  env: { ...process.env, ...redis.env, PATH: `${process.cwd()}/node_modules/.bin:${process.env.PATH}` },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", async (code, signal) => {
  await redis.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
