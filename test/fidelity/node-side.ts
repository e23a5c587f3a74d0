/**
 * Runs corpus programs as plain Node with the real ioredis: a few child processes
 * (node-runner.mjs), each running its programs one after another in a logical database of its
 * own on the test Redis, emptied before every program. Starting Node costs ~0.5 s of CPU, so
 * the programs share processes rather than pay it sixty times.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { transform } from "sucrase";
import Redis from "ioredis";
import { readFinalState } from "../../lib/runner/namespace/inspect";
import type { TraceValue } from "../../lib/trace";
import type { CorpusProgram } from "./corpus/types";

export interface WorldResult {
  lines: string[];
  /** The uncaught error that ended the program, if any. */
  error?: { name: string; message: string };
  state: Record<string, TraceValue>;
  /** Keys that exist at the end (Node only: the playground's namespace can't be listed). */
  keys?: string[];
}

// Database 0 holds the playground's namespaces and 9 the janitor test's.
const DATABASES = [10, 11];
// Inside the project, so the program's `import Redis from "ioredis"` finds node_modules.
const TMP = path.resolve("node_modules/.cache/fidelity");
const RUNNER = path.resolve("test/fidelity/node-runner.mjs");

type Reply = { name: string; output: string; error?: WorldResult["error"] };

class NodeRunner {
  private readonly child: ChildProcess;
  private readonly admin: Redis;
  private readonly ready: Promise<void>;
  private chain: Promise<unknown>;
  private waiting?: (r: Reply) => void;

  constructor(private readonly db: number) {
    this.child = fork(RUNNER, [], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.admin = new Redis(process.env.REDIS_URL!, { db });
    this.ready = new Promise((resolve) => this.child.once("message", () => resolve()));
    this.child.on("message", (m: Reply) => this.waiting?.(m));
    this.chain = this.ready;
  }

  run(p: CorpusProgram, file: string): Promise<WorldResult> {
    const next = this.chain.then(() => this.runNow(p, file));
    this.chain = next.catch(() => {});
    return next;
  }

  private async runNow(p: CorpusProgram, file: string): Promise<WorldResult> {
    await this.admin.flushdb();
    for (const [name, ...args] of p.setup ?? []) await this.admin.call(String(name), ...args);
    const reply = await new Promise<Reply>((resolve) => {
      this.waiting = resolve;
      this.child.send({ name: p.name, file, db: this.db });
    });
    const state = await readFinalState(this.admin, "", p.state, undefined);
    const keys = (await this.admin.keys("*")).sort();
    await this.admin.flushdb();
    return { lines: splitLines(reply.output), ...(reply.error ? { error: reply.error } : {}), state, keys };
  }

  close(): void {
    this.child.kill();
    this.admin.disconnect();
  }
}

let runners: NodeRunner[] | undefined;
let turn = 0;

export function runInNode(p: CorpusProgram): Promise<WorldResult> {
  mkdirSync(TMP, { recursive: true });
  const file = path.join(TMP, `${p.name}.mjs`);
  writeFileSync(file, transform(p.source, { transforms: ["typescript"], disableESTransforms: true }).code);
  runners ??= DATABASES.map((db) => new NodeRunner(db));
  return runners[turn++ % runners.length]!.run(p, file);
}

export function closeNodeRunners(): void {
  for (const r of runners ?? []) r.close();
  runners = undefined;
}

/** Console output as lines; a trailing newline ends the last line rather than adding one. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
