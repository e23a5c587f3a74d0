// `playground check UNIT FILE.ts [--json]`: grade a program like the Check button does.
// UNIT is a slug (update-likes), a folder name (05-update-likes) or an order (5).
// Exit 0 pass, 1 fail, 2 error (could not run, or bad usage).
import { existsSync, readFileSync } from "node:fs";
import { closeWorkerPoolAfterCleanup } from "../lib/runner/host/close-pool";
import { printAndExit } from "./cli-output";
import { loadCourse } from "../lib/lessons/loader";
import { gradeSubmission } from "../lib/lessons/grade";
import type { GradeResult } from "../lib/lessons/grade-types";

const MARK = { pass: "PASS", fail: "FAIL", error: "ERROR" } as const;

export function formatGrade(g: GradeResult): string {
  const out = [`Unit ${g.unit}: ${MARK[g.status]}  (${g.durationMs} ms)`];
  if (g.error) out.push("", `Could not check your program (${g.error.code}${g.error.line ? `, line ${g.error.line}` : ""}):`, `  ${g.error.message}`);
  for (const t of g.tests) {
    out.push("", `[${MARK[t.status]}] ${t.name}`);
    if (t.status !== "pass") {
      out.push(`  scenario: ${t.scenario}`);
      for (const line of t.message.split("\n")) out.push(`  ${line}`);
    }
  }
  if (g.status === "fail" && g.tests.length === 0) out.push("", "No checks ran, so this cannot pass.");
  return out.join("\n");
}

export async function checkCommand(args: string[], json: boolean, usage: (msg?: string) => never): Promise<never> {
  if (args.length !== 2) usage("check needs a unit and a file: check update-likes my-solution.ts");
  const [unitArg, file] = args as [string, string];
  if (!existsSync(file)) usage(`no such file: ${file}`);
  const course = loadCourse();
  const unit = course.find((u) => u.slug === unitArg || `${String(u.order).padStart(2, "0")}-${u.slug}` === unitArg || String(u.order) === unitArg);
  if (!unit) usage(`no unit "${unitArg}" (try one of: ${course.map((u) => u.slug).join(", ")})`);
  const result = await gradeSubmission(unit, readFileSync(file, "utf8"));
  await closeWorkerPoolAfterCleanup();
  return printAndExit(json ? JSON.stringify(result, null, 2) : formatGrade(result), result.status === "pass" ? 0 : result.status === "fail" ? 1 : 2);
}
