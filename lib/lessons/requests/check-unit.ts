import { gradeSubmission } from "../grade";
import type { GradeError, GradeResult } from "../grade-types";
import { loadUnit } from "../loader";
import { checkInputSchema, sourceTooLong } from "./contract";
import { signSharedRun } from "@/lib/runs/seal";
import { sharedCheckOf, type ShareableGrade } from "@/lib/runs/shared-run";

function failure(unit: string, code: GradeError["code"], message: string): GradeResult {
  return { version: 1, unit, status: "error", tests: [], error: { code, message }, durationMs: 0 };
}

/** The slug a request names, for the result of a request that is otherwise not understood. */
function namedSlug(input: unknown): string {
  const slug = (input as { slug?: unknown } | null)?.slug;
  return typeof slug === "string" ? slug.slice(0, 80) : "";
}

/**
 * Grades the learner's program for one unit: runs it alone, under staged conflicts and with
 * concurrent calls, and returns the versioned GradeResult. Never throws: a bad request or a
 * problem on our side comes back as status "error" with a message the learner can act on.
 */
export async function checkUnitRequest(input: unknown, clientOf: () => Promise<string | undefined>): Promise<ShareableGrade> {
  const parsed = checkInputSchema.safeParse(input);
  if (!parsed.success) {
    const tooLong = sourceTooLong(parsed.error);
    if (tooLong) return failure(namedSlug(input), "code_limit", tooLong);
    return failure(namedSlug(input), "invalid_request", "This check request was not understood. Reload the page and try again.");
  }
  const unit = loadUnit(parsed.data.slug);
  if (!unit) return failure(parsed.data.slug, "invalid_request", "This unit does not exist. Go back to the course and pick it again.");
  try {
    const result = await gradeSubmission(unit, parsed.data.source, { client: await clientOf() });
    // Each failing scenario's trace can be shared; signed now, stored only on Share.
    return { ...result, shareTokens: result.tests.map((t) => signSharedRun(sharedCheckOf(unit.slug, parsed.data.source, t))) };
  } catch (err) {
    // The grader reports learner mistakes as results; a throw is ours. Log it, never show it.
    console.error("checkSubmission: unexpected failure", err);
    return failure(unit.slug, "internal", "Something went wrong on our side while checking your code. Please try again in a moment.");
  }
}
