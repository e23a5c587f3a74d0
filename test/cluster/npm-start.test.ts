// `PLAYGROUND_REDIS=cluster npm start` for real: scripts/start.mjs starts a local Redis Cluster
// and the production build on it, /api/health reports every master, a run goes through, and
// Ctrl+C (SIGTERM) stops the app and every node of the cluster. Here rather than in scripts/:
// it needs the production build, which the `cluster` stage has (the unit stage runs before it).
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";

let child: ChildProcess | undefined;
let log = "";

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

async function until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what} did not happen within ${timeoutMs} ms. Output:\n${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(true)); // in use: something still listens there
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(false)));
  });

afterAll(() => {
  if (child?.exitCode === null) child.kill("SIGKILL");
});

interface Health {
  app: string;
  redis: string;
  redisNodes: { master: number; ok: boolean; latencyMs: number; usedMemoryBytes: number; maxMemoryBytes: number; connectedClients: number; blockedClients: number }[];
}

describe("npm start on a local Redis Cluster", () => {
  it("starts the cluster and the app, reports every master on /api/health, runs, and stops it all", async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PLAYGROUND_REDIS: "cluster", PORT: String(port) };
    delete env.REDIS_CLUSTER_NODES; // its own cluster, as `npm start` on a fresh machine
    delete env.REDIS_URL;
    child = spawn(process.execPath, ["scripts/start.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
    await until(() => /Playground ready at/.test(log), "the playground ready", 240_000);
    const nodes = /Started a local Redis Cluster at (\S+) /.exec(log)?.[1]?.split(",") ?? [];
    expect(nodes).toHaveLength(6);
    expect(log).not.toMatch(/not answering yet/);

    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(res.status).toBe(200);
    const health = (await res.json()) as Health;
    expect(health).toMatchObject({ app: "ok", redis: "ok" });
    // Numbered, never named: the public endpoint shows no Redis address.
    expect(health.redisNodes.map((n) => n.master)).toEqual([1, 2, 3]);
    for (const address of nodes) expect(JSON.stringify(health)).not.toContain(address);
    for (const n of health.redisNodes) {
      expect(n.ok).toBe(true);
      expect(n.usedMemoryBytes).toBeGreaterThan(0);
      expect(n.maxMemoryBytes).toBe(256 * 1024 * 1024);
      expect(n.connectedClients).toBeGreaterThan(0);
    }

    // A race-lab run through the app's own API, on the cluster, followed over SSE to its result.
    const started = await fetch(`http://127.0.0.1:${port}/api/runs`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ mode: "crowd", clients: 5 }) });
    expect(started.status).toBe(201);
    const { runId } = (await started.json()) as { runId: string };
    const sse = await (await fetch(`http://127.0.0.1:${port}/api/runs/${runId}/events`)).text();
    const result = JSON.parse(/^event: result\ndata: (.*)$/m.exec(sse)?.[1] ?? "null") as { status: string } | null;
    expect(result?.status).toBe("ok");

    const exited = new Promise<number | null>((resolve) => child!.once("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    for (const hostPort of [`127.0.0.1:${port}`, ...nodes]) expect(await answers(Number(hostPort.split(":")[1])), `${hostPort} still listening`).toBe(false);
  }, 300_000);
});
