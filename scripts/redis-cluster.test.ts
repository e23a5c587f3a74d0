// The local cluster `PLAYGROUND_REDIS=cluster` uses: 3 masters with a replica each, every node
// with the single server's bounds, slots all served, and a killed master replaced by its replica.
import { spawnSync } from "node:child_process";
import Redis, { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalCluster, type LocalCluster } from "./redis-cluster.mjs";

let cluster: LocalCluster;
let client: Cluster;

beforeAll(async () => {
  cluster = await startLocalCluster({ log: () => {} });
  client = new Cluster(cluster.nodes.split(",").map((hp) => ({ host: "127.0.0.1", port: Number(hp.split(":")[1]) })));
  await new Promise((resolve) => client.once("ready", resolve));
}, 60_000);
afterAll(async () => {
  client?.disconnect();
  await cluster?.stop();
});

const roleOf = (port: number) => spawnSync("redis-cli", ["-p", String(port), "role"], { encoding: "utf8" }).stdout.split("\n")[0]!.trim();

describe("the local Redis Cluster", () => {
  it("has 3 masters and 3 replicas that serve all 16384 slots, with the single server's bounds", async () => {
    expect(cluster.ports).toHaveLength(6);
    expect(cluster.ports.map(roleOf).sort()).toEqual(["master", "master", "master", "slave", "slave", "slave"]);
    const info = (await client.cluster("INFO")) as string;
    expect(info).toMatch(/cluster_slots_assigned:16384/);
    expect(info).toMatch(/cluster_state:ok/);
    const one = new Redis(cluster.ports[0]!, "127.0.0.1");
    expect(((await one.config("GET", "proto-max-bulk-len")) as string[])[1]).toBe(String(1024 * 1024));
    expect(((await one.config("GET", "maxmemory-policy")) as string[])[1]).toBe("noeviction");
    one.disconnect();
  });

  it("runs WATCH/MULTI/EXEC on the keys of one hash tag, and refuses a transaction across slots", async () => {
    await client.set("{r:t1}:a", "1");
    await client.set("{r:t1}:b", "2");
    const res = await client.multi().incr("{r:t1}:a").incr("{r:t1}:b").exec();
    expect(res).toEqual([[null, 2], [null, 3]]);
    await expect(client.multi().incr("{r:t1}:a").incr("{r:t2}:a").exec()).rejects.toThrow(/CROSSSLOT|same slot/i);
  });

  it("fails over: the master owning a slot is killed and its replica takes over the slot", async () => {
    const slot = Number(await client.cluster("KEYSLOT", "{r:t1}:a"));
    // CLUSTER NODES: "<id> <host:port@bus> <flags> <master id or -> ... <slot ranges>".
    const lines = ((await client.cluster("NODES")) as string).trim().split("\n").map((l) => l.split(" "));
    const owner = lines.find((f) => f[2]!.includes("master") && f.slice(8).some((r) => { const [lo, hi = lo] = r.split("-").map(Number); return lo! <= slot && slot <= hi!; }))!;
    const replica = lines.find((f) => f[3] === owner[0])!;
    const portOf = (f: string[]) => Number(f[1]!.split("@")[0]!.split(":")[1]);
    const masterPort = portOf(owner);
    const replicaPort = portOf(replica);
    cluster.kill(masterPort);
    const deadline = Date.now() + 30_000;
    while (roleOf(replicaPort) !== "master" && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(roleOf(replicaPort)).toBe("master");
    const after = new Redis(replicaPort, "127.0.0.1");
    await expect.poll(() => after.get("{r:t1}:a").catch(() => "not yet"), { timeout: 15_000, interval: 200 }).toBe("2");
    after.disconnect();
  }, 60_000);
});
