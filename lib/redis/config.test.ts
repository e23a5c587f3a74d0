import { afterEach, describe, expect, it } from "vitest";
import { parseClusterNodes, redisTarget } from "./config";

const saved = { nodes: process.env.REDIS_CLUSTER_NODES, url: process.env.REDIS_URL };
afterEach(() => {
  if (saved.nodes === undefined) delete process.env.REDIS_CLUSTER_NODES;
  else process.env.REDIS_CLUSTER_NODES = saved.nodes;
  process.env.REDIS_URL = saved.url;
});

describe("the Redis target", () => {
  it("REDIS_CLUSTER_NODES selects a cluster, else REDIS_URL one server", () => {
    process.env.REDIS_CLUSTER_NODES = "127.0.0.1:7000, redis-b.internal:7001";
    expect(redisTarget()).toEqual({ kind: "cluster", nodes: [{ host: "127.0.0.1", port: 7000 }, { host: "redis-b.internal", port: 7001 }] });
    delete process.env.REDIS_CLUSTER_NODES;
    process.env.REDIS_URL = "redis://127.0.0.1:6390";
    expect(redisTarget()).toEqual({ kind: "single", url: "redis://127.0.0.1:6390" });
  });

  it("refuses a malformed node list or URL with a message naming the bad part", () => {
    expect(() => parseClusterNodes("127.0.0.1:7000,127.0.0.1")).toThrow(/"127\.0\.0\.1" is not host:port/);
    expect(() => parseClusterNodes("127.0.0.1:99999")).toThrow(/not host:port/);
    process.env.REDIS_CLUSTER_NODES = "";
    process.env.REDIS_URL = "127.0.0.1:6379";
    expect(() => redisTarget()).toThrow(/REDIS_URL must start with redis:\/\//);
  });
});
