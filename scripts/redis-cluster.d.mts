export const CLUSTER_NODE_TIMEOUT_MS: number;
export interface LocalCluster {
  /** host:port,host:port,... - the value of REDIS_CLUSTER_NODES. */
  nodes: string;
  ports: number[];
  pids: number[];
  stop(): Promise<void>;
  /** SIGKILLs one node, as a crashed machine goes. */
  kill(port: number): void;
  /** cluster_state:ok on every live node and every master with its replicas online. */
  healthy(): boolean;
}
export function startLocalCluster(opts?: { masters?: number; replicas?: number; maxmemory?: string; log?: (msg: string) => void }): Promise<LocalCluster>;
