// The CLI as a learner or CI would call it: a child process that must exit by itself and leave
// nothing behind in Redis (its cleanup has to be flushed before it exits).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { RunResult } from "@/lib/runner/types";
import { dedent } from "@/lib/runner/test-support";

const TSX = path.resolve("node_modules/.bin/tsx");

export interface CliRun {
  exitCode: number | null;
  result: RunResult;
}

/** `playground run FILE --json` on `src`; rejects when the CLI hangs past `timeoutMs` or prints no JSON. */
export async function runCli(src: string, timeoutMs = 40_000): Promise<CliRun> {
  const dir = mkdtempSync(path.join(tmpdir(), "pg-adv-"));
  const file = path.join(dir, "program.ts");
  writeFileSync(file, dedent(src));
  try {
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      execFile(
        TSX,
        ["scripts/playground.ts", "run", file, "--json"],
        { env: { ...process.env, REDIS_URL: process.env.REDIS_URL }, timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: 64 * 1024 * 1024 },
        (err, out) => {
          if (err && err.killed) return reject(new Error(`the CLI did not exit within ${timeoutMs} ms`));
          resolve({ code: err ? (typeof err.code === "number" ? err.code : null) : 0, stdout: out });
        },
      );
    });
    try {
      return { exitCode: code, result: JSON.parse(stdout) as RunResult };
    } catch {
      throw new Error(`the CLI (exit code ${code}) printed ${stdout.length} characters that are not one complete JSON result`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
