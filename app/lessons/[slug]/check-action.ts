"use server";
import { gradeSubmission } from "@/lib/lessons/grade";
import type { GradeError, GradeResult } from "@/lib/lessons/grade-types";
import { loadUnit } from "@/lib/lessons/loader";
import { runInputSchema } from "./run-contract";
import { actionClient } from "@/lib/http/request-client";
import { signSharedRun } from "@/lib/runs/seal";
import { sharedCheckOf, type ShareableGrade } from "@/lib/runs/shared-run";

// Same limits as a run: one schema for the workbench and both actions.
const checkInputSchema = runInputSchema.pick({ slug: true, source: true });

function failure(unit: string, code: GradeError["code"], message: string): GradeResult {
  return { version: 1, unit, status: "error", tests: [], error: { code, message }, durationMs: 0 };
}

/**
 * Grades the learner's program for one unit: runs it alone, under staged conflicts and with
 * concurrent calls, and returns the versioned GradeResult. Never throws: a bad request or a
 * problem on our side comes back as status "error" with a message the learner can act on.
 */
export async function checkSubmission(input: unknown): Promise<ShareableGrade> {
  const parsed = checkInputSchema.safeParse(input);
  const slug = typeof (input as { slug?: unknown } | null)?.slug === "string" ? String((input as { slug: string }).slug).slice(0, 80) : "";
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue?.path[0] === "source") return failure(slug, "code_limit", issue.message);
    return failure(slug, "invalid_request", "This check request was not understood. Reload the page and try again.");
  }
  const unit = loadUnit(parsed.data.slug);
  if (!unit) return failure(parsed.data.slug, "invalid_request", "This unit does not exist. Go back to the course and pick it again.");
  try {
    const result = await gradeSubmission(unit, parsed.data.source, { client: await actionClient() });
    // Each failing scenario's trace can be shared; signed now, stored only on Share.
    return { ...result, shareTokens: result.tests.map((t) => signSharedRun(sharedCheckOf(unit.slug, parsed.data.source, t))) };
  } catch (err) {
    // The grader reports learner mistakes as results; a throw is ours. Log it, never show it.
    console.error("checkSubmission: unexpected failure", err);
    return failure(unit.slug, "internal", "Something went wrong on our side while checking your code. Please try again in a moment.");
  }
}
