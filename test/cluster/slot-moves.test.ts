// A hash slot moving between masters of a real local cluster (started by this file: it reshards)
// while a run waits paused at a step, and while viewers follow a run's stream: what the learner
// is told, that nothing is left on any node, and what a viewer costs in connections.
// Runs in the `cluster` stage (PLAYGROUND_REDIS=cluster npm test -- cluster).
import Redis, { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalCluster, type LocalCluster } from "../../scripts/redis-cluster.mjs";
import { runProgram, closeWorkerPool, type RunResult } from "../../lib/runner";
import { dedent } from "../../lib/runner/test-support";
import { sendControl } from "../../lib/runner/plans/control";
import { REDIS_DATA_MOVED } from "../../lib/errors";
import { keyPrefix, serviceKeys, RUN_REGISTRY_KEY } from "../../lib/redis/namespace";
import { runUsername } from "../../lib/redis/acl";
import { runSlot } from "../../lib/redis/slots";
import { randomToken } from "../../lib/redis/random-token";
import { runEventStream } from "../../lib/race/server/events";
import { serviceRedis } from "../../lib/redis/service-client";
import { beginSlotMove, finishSlotMove, migrateKeys } from "./slot-move";

let cluster: LocalCluster;
let admin: Cluster;
const node = new Map<number, Redis>();

const conn = (port: number) => {
  if (!node.has(port)) node.set(port, new Redis(port, "127.0.0.1", { maxRetriesPerRequest: 0, retryStrategy: () => null }).on("error", () => {}));
  return node.get(port)!;
};
const masterPorts = async () => {
  const out: number[] = [];
  for (const p of cluster.ports) if (/role:master/.test((await conn(p).info("replication")) as string)) out.push(p);
  return out.sort();
};

async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A fresh run id, its slot, the master that owns it and another master to move it to. */
async function runOnSomeMaster() {
  const runId = `mv${randomToken(6, "hex")}`;
  const masters = await masterPorts();
  // Asked of the nodes themselves (a client's slot map may lag the moves made here): only the
  // owner answers a key of the slot, the others redirect.
  const answers = await Promise.all(masters.map((p) => conn(p).exists(`${keyPrefix(runId)}probe`).then(() => true, () => false)));
  const from = masters[answers.indexOf(true)]!;
  const to = masters.find((p) => p !== from)!;
  return { runId, slot: runSlot(runId), from, to };
}

/** Client names on a node, one entry per connection (CLIENT LIST). */
async function clientNames(port: number): Promise<string[]> {
  const list = (await conn(port).call("CLIENT", "LIST", "TYPE", "normal")) as string;
  return list.trim().split("\n").map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? "");
}
/** Connections per node, without ioredis's short-lived slot-map refreshers. */
async function connectionsByNode(): Promise<Map<number, { viewers: number; all: number }>> {
  const out = new Map<number, { viewers: number; all: number }>();
  for (const p of cluster.ports) {
    const names = (await clientNames(p)).filter((n) => !n.includes("refresher"));
    out.set(p, { viewers: names.filter((n) => n === "pg-viewer").length, all: names.length });
  }
  return out;
}

type Frames = ReadableStreamDefaultReader<Uint8Array>;
const dec = new TextDecoder();

/** Reads an SSE stream until `until` says stop or it ends; returns the text read. */
async function readFrames(reader: Frames, until: (text: string) => boolean, timeoutMs = 25_000): Promise<{ text: string; ended: boolean }> {
  let text = "";
  const late = new Promise<"late">((r) => setTimeout(() => r("late"), timeoutMs).unref());
  while (!until(text)) {
    const next = await Promise.race([reader.read(), late]);
    if (next === "late") throw new Error(`the stream did not show what was expected within ${timeoutMs} ms: ${text.slice(-300)}`);
    if (next.done) return { text, ended: true };
    text += dec.decode(next.value);
  }
  return { text, ended: false };
}

/** A viewer of the run's stream, as the SSE route opens it. */
function viewer(runId: string, after = "0", signal = new AbortController().signal, onClose = () => {}): Frames {
  return runEventStream(runId, after, { signal, onClose }).getReader();
}

/** A run id whose keys hash to `slot`. */
function idOnSlot(slot: number): string {
  for (;;) {
    const id = `mv${randomToken(6, "hex")}`;
    if (runSlot(id) === slot) return id;
  }
}

const ids = (text: string) => [...text.matchAll(/^id: (\S+)$/gm)].map((m) => m[1]!);

/** Waits until the step-mode run's stream shows a pause before `name`. */
async function pausedAt(runId: string, name: string): Promise<void> {
  await waitFor(async () => {
    const entries = (await admin.xrevrange(serviceKeys(runId).events, "+", "-", "COUNT", 1)) as [string, string[]][];
    const e = entries[0] ? (JSON.parse(entries[0][1][1]!) as { kind: string; name?: string }) : undefined;
    return e?.kind === "pause" && e.name === name;
  }, `a pause before ${name}`);
}

/** Nothing of the run left on any node: learner keys, ACL user, registry entry. */
async function nothingLeftOf(runId: string): Promise<void> {
  await waitFor(async () => {
    for (const p of cluster.ports) {
      const [, keys] = await conn(p).scan("0", "MATCH", `${keyPrefix(runId)}*`, "COUNT", 10_000);
      if (keys.length > 0) return false;
      if (((await conn(p).acl("USERS")) as string[]).includes(runUsername(runId))) return false;
    }
    return (await admin.zscore(RUN_REGISTRY_KEY, runId)) === null;
  }, "the run's keys, user and registration gone from every node", 10_000);
}

/** What the learner could see of a result, none of which may name a node or a redirect. */
function expectNoClusterInternals(r: RunResult): void {
  const shown = JSON.stringify({ error: r.error, output: r.output, trace: r.trace });
  expect(shown).not.toMatch(/MOVED|ASK |TRYAGAIN|CLUSTERDOWN|127\.0\.0\.1|\{r:/);
}

beforeAll(async () => {
  cluster = await startLocalCluster({ log: () => {} });
  process.env.REDIS_CLUSTER_NODES = cluster.nodes;
  admin = new Cluster(cluster.ports.map((port) => ({ host: "127.0.0.1", port })));
  admin.on("error", () => {});
  await new Promise((resolve) => admin.once("ready", resolve));
  const service = serviceRedis();
  if (service.status !== "ready") await new Promise((resolve) => service.once("ready", resolve));
}, 90_000);

afterAll(async () => {
  await closeWorkerPool();
  admin?.disconnect();
  serviceRedis().disconnect();
  for (const c of node.values()) c.disconnect();
  delete process.env.REDIS_CLUSTER_NODES;
  await cluster?.stop();
}, 30_000);

describe("SSE viewers on a cluster", () => {
  it("a viewer costs one connection, to the master of the run's slot, and gives it back when it leaves", async () => {
    const { runId, from } = await runOnSomeMaster();
    await admin.xadd(serviceKeys(runId).events, "*", "e", JSON.stringify({ kind: "console", seq: 1, at: 0, text: "hi" }));
    const before = await connectionsByNode();
    const aborts = Array.from({ length: 5 }, () => new AbortController());
    let closed = 0;
    const readers = await Promise.all(aborts.map((a) => readFrames(viewer(runId, "0", a.signal, () => closed++), (t) => ids(t).length === 1)));
    expect(readers.every((r) => !r.ended)).toBe(true);
    const during = await connectionsByNode();
    for (const p of cluster.ports) {
      expect(during.get(p)!.viewers, `viewers on ${p}`).toBe(p === from ? 5 : 0);
      expect(during.get(p)!.all - before.get(p)!.all, `new connections on ${p}`).toBe(p === from ? 5 : 0);
    }
    for (const a of aborts) a.abort();
    expect(closed).toBe(5);
    await waitFor(async () => [...(await connectionsByNode()).values()].every((c) => c.viewers === 0), "the viewers' connections closed", 5000);
  }, 60_000);

  it("a viewer's stream ends when the run's slot moves; the reconnect resumes after its last event on the new master", async () => {
    const { runId, slot, from, to } = await runOnSomeMaster();
    const events = serviceKeys(runId).events;
    for (const text of ["one", "two"]) await admin.xadd(events, "*", "e", JSON.stringify({ kind: "console", seq: 1, at: 0, text }));
    const reader = viewer(runId);
    const first = await readFrames(reader, (t) => ids(t).length === 2);
    const seen = ids(first.text);

    await beginSlotMove(conn(from), conn(to), slot);
    await finishSlotMove(conn(from), conn(to), (await masterPorts()).map(conn), slot);
    // The blocked read is answered MOVED: the stream says so and ends, as a lost connection would.
    const rest = await readFrames(reader, () => false);
    expect(rest.ended).toBe(true);
    expect(rest.text).toContain("event: failure");
    expect(rest.text).not.toContain("event: close");

    await admin.xadd(events, "*", "e", JSON.stringify({ kind: "console", seq: 3, at: 0, text: "three" }));
    // The SSE route checks that the run exists through the service client first, which follows
    // the MOVED: the reconnect's connection goes to the new master.
    expect(await serviceRedis().exists(events)).toBe(1);
    const resumed = viewer(runId, seen[1]!);
    const again = await readFrames(resumed, (t) => ids(t).length === 1);
    expect(again.text).toContain('"text":"three"');
    expect(ids(again.text)[0]! > seen[1]!).toBe(true);
    expect((await connectionsByNode()).get(to)!.viewers).toBe(1);
    await resumed.cancel();
    await admin.del(events);
  }, 60_000);
});

describe("a slot moving under a paused run", () => {
  it("a MULTI queued after the run's slot moved: the run ends with the moved message, its EXEC changed nothing, nothing is left", async () => {
    const { runId, slot, from, to } = await runOnSomeMaster();
    const running = runProgram({
      runId,
      stream: true,
      plan: { kind: "step", idleTimeoutMs: 20_000 },
      source: dedent(`
        import Redis from "ioredis";
        const redis = new Redis();
        await redis.set("a", "1");
        await redis.watch("a");
        const res = await redis.multi().set("a", "2").incr("n").exec();
        console.log(JSON.stringify(res));
      `),
    });
    for (const name of ["SET", "WATCH"]) {
      await pausedAt(runId, name);
      await sendControl(admin, runId, { type: "step" });
    }
    await pausedAt(runId, "MULTI");
    await beginSlotMove(conn(from), conn(to), slot);
    await finishSlotMove(conn(from), conn(to), (await masterPorts()).map(conn), slot);
    expect(await conn(to).get(`${keyPrefix(runId)}a`)).toBe("1");
    await sendControl(admin, runId, { type: "resume" });

    const r = await running;
    expect(r.status).toBe("error");
    expect(r.error?.message).toBe(REDIS_DATA_MOVED.message);
    expect(r.output).toEqual([]);
    expectNoClusterInternals(r);
    await nothingLeftOf(runId);
    await admin.del(serviceKeys(runId).events, serviceKeys(runId).result, serviceKeys(runId).control);
  }, 90_000);

  it("a pipeline sent while the run's slot is being moved (ASK): the same message, and nothing left once the move ends", async () => {
    const { runId, slot, from, to } = await runOnSomeMaster();
    const running = runProgram({
      runId,
      stream: true,
      plan: { kind: "step", idleTimeoutMs: 20_000 },
      source: dedent(`
        import Redis from "ioredis";
        const redis = new Redis();
        await redis.set("a", "1");
        const res = await redis.pipeline().get("a").set("b", "2").exec();
        console.log(JSON.stringify(res));
      `),
    });
    await pausedAt(runId, "SET");
    await sendControl(admin, runId, { type: "step" });
    await pausedAt(runId, "GET");
    // Half way: the learner's key is on the new master already, the slot still on the old one.
    await beginSlotMove(conn(from), conn(to), slot);
    expect(await migrateKeys(conn(from), conn(to), slot, [`${keyPrefix(runId)}a`])).toBe(1);
    await sendControl(admin, runId, { type: "resume" });

    const r = await running;
    expect(r.status).toBe("error");
    expect(r.error?.message).toBe(REDIS_DATA_MOVED.message);
    expect(r.output).toEqual([]);
    expectNoClusterInternals(r);
    await finishSlotMove(conn(from), conn(to), (await masterPorts()).map(conn), slot);
    expect(await conn(to).exists(`${keyPrefix(runId)}b`)).toBe(0);
    await nothingLeftOf(runId);
    await admin.del(serviceKeys(runId).events, serviceKeys(runId).result, serviceKeys(runId).control);
  }, 90_000);

  it("after a move the next run on the moved slot works", async () => {
    const { runId, slot, from, to } = await runOnSomeMaster();
    await beginSlotMove(conn(from), conn(to), slot);
    await finishSlotMove(conn(from), conn(to), (await masterPorts()).map(conn), slot);
    // The worker's slot map may be older than the move: a run on it may end "moved" until the
    // map is refreshed (on that MOVED, and every 5 s at most).
    const source = `import Redis from "ioredis"; const redis = new Redis(); await redis.set("x", "1"); console.log(await redis.get("x"));`;
    let r = await runProgram({ runId, source });
    for (let i = 0; i < 24 && r.error; i++) {
      expect(r.error.message).toBe(REDIS_DATA_MOVED.message);
      await new Promise((res) => setTimeout(res, 250));
      r = await runProgram({ runId: idOnSlot(slot), source });
    }
    expect(r.error).toBeUndefined();
    expect(r.output).toEqual(["1"]);
  }, 60_000);
});
