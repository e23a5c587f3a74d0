// A second app instance against the same Redis (the web tier is stateless: a race run or a
// shared link opened on one instance is served by another). Started from the build under test.
import { spawn, type ChildProcess } from "node:child_process";

export interface SecondInstance {
  url: string;
  stop: () => void;
}

/** Starts `next start` on `port` and waits until its health check answers (it is warm then). */
export async function startSecondInstance(port: number, timeoutMs = 60_000): Promise<SecondInstance> {
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    detached: true,
    stdio: "ignore",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  // next start spawns next-server: end the whole process group.
  const stop = () => {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return { url, stop };
    if (Date.now() > deadline) {
      stop();
      throw new Error(`the second app instance did not answer on ${url}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
