import Redis, { Cluster } from "ioredis";
import { credentialOptions, redisTarget, SERVICE_CONNECTION_OPTIONS } from "./config";

/**
 * A service-side client: one server's connection, or a Cluster client that routes each command
 * by its key's slot. Everything of the service side that works per key (streams, results,
 * control, the registry, admission) takes this; what is per node (SCAN, ACL users, INFO) goes
 * through `masters()`.
 */
export type ServiceRedis = Redis | Cluster;

/** A new service client for the configured target, with these options on top of `opts`. */
export function createServiceRedis(opts: typeof SERVICE_CONNECTION_OPTIONS = SERVICE_CONNECTION_OPTIONS): ServiceRedis {
  const target = redisTarget();
  const client =
    target.kind === "single"
      ? new Redis(target.url, opts)
      : new Cluster(target.nodes, {
          redisOptions: { ...opts, ...credentialOptions() },
          enableOfflineQueue: opts.enableOfflineQueue ?? false,
          // A slot map older than a failover is refreshed on the first MOVED, and every few seconds.
          slotsRefreshInterval: 5000,
          clusterRetryStrategy: (times) => Math.min(times * 100, 1000),
        });
  client.on("error", () => {});
  return client;
}

/** The servers that hold data: the one server, or every master of the cluster (as it knows them now). */
export function masters(client: ServiceRedis): Redis[] {
  return client instanceof Cluster ? client.nodes("master") : [client];
}

/** The replicas a Cluster client knows of; none on one server. */
export function replicas(client: ServiceRedis): Redis[] {
  return client instanceof Cluster ? client.nodes("slave") : [];
}

/** Whether this is a Cluster client. */
export function isCluster(client: ServiceRedis): client is Cluster {
  return client instanceof Cluster;
}

/**
 * The web tier's own client (health, race-lab control and streams). Created on first use,
 * never at import: `next build` imports route modules and must not try to connect.
 */
const g = globalThis as unknown as { __playgroundService?: ServiceRedis };

export function serviceRedis(): ServiceRedis {
  g.__playgroundService ??= createServiceRedis();
  return g.__playgroundService;
}
