// The playground on the command line (course authors, CI, curious learners).
//   npm run playground -- run FILE.ts [--json] [--plan PLAN.json] [--unit SLUG] [--setup JSON]
// Exit 0 when the program ran, 1 when it failed, 2 for bad usage.
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { runProgram, type InterferencePlan, type RunRequest } from "../lib/runner/index";
import { closeWorkerPoolAfterCleanup } from "../lib/runner/host/close-pool";
import { formatRun } from "../lib/runner/format-run";
import { printAndExit } from "./cli-output";

const USAGE = `usage:
  npm run playground -- run FILE.ts [--json] [--plan PLAN.json] [--unit SLUG] [--setup JSON]
  npm run playground -- check UNIT FILE.ts [--json]

  --plan   an interference plan, e.g. {"kind":"conflict","attempts":[1]}
  --unit   take setup and inspected keys from a course unit (its slug, e.g. watch-basics)
  --setup  commands run before the program, e.g. '[["SET","balance:1","100"]]'`;

function usage(msg?: string): never {
  if (msg) console.error(`error: ${msg}\n`);
  console.error(USAGE);
  process.exit(2);
}

function readJson<T>(text: string, what: string): T {
  try {
    return JSON.parse(existsSync(text) ? readFileSync(text, "utf8") : text) as T;
  } catch {
    usage(`${what} is not valid JSON (give a file or a JSON string)`);
  }
}

async function main(): Promise<never> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { json: { type: "boolean" }, plan: { type: "string" }, unit: { type: "string" }, setup: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (e) {
    usage((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) usage();
  const [cmd, ...rest] = positionals;
  if (cmd === "check") {
    const { checkCommand } = await import("./playground-check");
    return checkCommand(rest, Boolean(values.json), usage);
  }
  if (cmd !== "run" || rest.length !== 1) usage(cmd ? `unknown command or arguments: ${positionals.join(" ")}` : undefined);
  const file = rest[0]!;
  if (!existsSync(file)) usage(`no such file: ${file}`);

  const req: RunRequest = { source: readFileSync(file, "utf8") };
  if (values.plan) req.plan = readJson<InterferencePlan>(values.plan, "--plan");
  if (values.setup) req.setup = readJson<(string | number)[][]>(values.setup, "--setup");
  if (values.unit) {
    const { loadUnit } = await import("../lib/lessons/loader");
    const unit = loadUnit(values.unit);
    if (!unit) usage(`no unit with slug "${values.unit}"`);
    req.setup ??= unit.setup;
    req.inspectKeys = unit.inspectKeys;
  }
  const result = await runProgram(req);
  // The run's namespace is dropped just after it returns: that must happen before we exit.
  await closeWorkerPoolAfterCleanup();
  return printAndExit(values.json ? JSON.stringify(result, null, 2) : formatRun(result), result.status === "ok" ? 0 : 1);
}

main().catch(
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
