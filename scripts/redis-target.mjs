// The Redis a script's children use: PLAYGROUND_REDIS=cluster -> REDIS_CLUSTER_NODES (the
// caller's, or a local Redis Cluster started for this process, scripts/redis-cluster.mjs),
// otherwise REDIS_URL (the caller's, or a local redis-server, scripts/redis-server.mjs).
// `env` is what to add to a child's environment; `stop` ends whatever was started here.
import { redisForThisProcess } from "./redis-server.mjs";
import { startLocalCluster } from "./redis-cluster.mjs";

/** @returns {Promise<{ env: Record<string, string>, describe: string, stop: () => Promise<void> }>} */
export async function redisTargetForThisProcess({ log = console.error, quiet = false } = {}) {
  if (process.env.PLAYGROUND_REDIS !== "cluster") {
    const redis = await redisForThisProcess({ log, quiet });
    return { env: { REDIS_URL: redis.url }, describe: redis.url, stop: redis.stop };
  }
  if (process.env.REDIS_CLUSTER_NODES) return { env: { REDIS_CLUSTER_NODES: process.env.REDIS_CLUSTER_NODES }, describe: `the cluster at ${process.env.REDIS_CLUSTER_NODES}`, stop: async () => {} };
  const cluster = await startLocalCluster({ log });
  if (!quiet) log(`Started a local Redis Cluster at ${cluster.nodes} (3 masters, 1 replica each; set REDIS_CLUSTER_NODES to use your own).`);
  const kill = () => {
    for (const pid of cluster.pids) {
      try {
        process.kill(pid, "SIGTERM");
      } catch {}
    }
  };
  process.once("exit", kill);
  return { env: { REDIS_CLUSTER_NODES: cluster.nodes }, describe: `the cluster at ${cluster.nodes}`, stop: cluster.stop };
}
