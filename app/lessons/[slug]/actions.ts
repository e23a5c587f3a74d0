"use server";
import { loadUnit } from "@/lib/lessons/loader";
import { runProgram } from "@/lib/runner";
import { meetsExpectation } from "./expectation";
import { runInputSchema, type RunState } from "./run-contract";
import { actionClient } from "@/lib/http/request-client";
import { signSharedRun } from "@/lib/runs/seal";
import { sharedRunOf } from "@/lib/runs/shared-run";

function failure(code: NonNullable<RunState["error"]>["code"], message: string): RunState {
  return { status: "error", output: [], trace: null, error: { code, message } };
}

/**
 * Runs the learner's program for one unit. The client sends only code, slug and a scenario
 * id; setup, inspected keys and interference plans come from the unit on the server.
 */
export async function runUnit(input: unknown): Promise<RunState> {
  const parsed = runInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const tooLong = issue?.path[0] === "source";
    return failure(tooLong ? "code_limit" : "bad_request", tooLong ? issue.message : "This run request was not understood. Reload the page and try again.");
  }
  const { slug, source, scenarioId } = parsed.data;
  const unit = loadUnit(slug);
  if (!unit) return failure("bad_request", "This unit does not exist. Go back to the course and pick it again.");
  const scenario = scenarioId ? unit.scenarios.find((s) => s.id === scenarioId) : undefined;
  if (scenarioId && !scenario) return failure("bad_request", "That staged race is not part of this unit.");

  try {
    const client = await actionClient();
    const result = await runProgram({ source, setup: unit.setup, inspectKeys: unit.inspectKeys, plan: scenario?.plan, client });
    return {
      status: result.status,
      output: result.output,
      error: result.error,
      trace: result.trace,
      finalState: result.finalState,
      timings: result.timings,
      scenarioId: scenario?.id,
      // A staged write changes the numbers on purpose, so only plain runs count toward "passed".
      expectationMet: !scenario && result.status === "ok" && meetsExpectation(unit.expected, result.output, result.finalState),
      // Signed now, stored only if the learner shares it (lib/runs/budget.ts says why).
      share: signSharedRun(sharedRunOf(slug, source, scenario?.id, result)),
    };
  } catch (err) {
    // The runner reports learner mistakes as results; a throw is ours. Log it, never show it.
    console.error("runUnit: unexpected failure", err);
    return failure("internal", "Something went wrong on our side while running your code. Please try again in a moment.");
  }
}

/** The reference solution of an exercise, sent only when the learner asks for it. */
export async function revealSolution(slug: unknown): Promise<string | null> {
  if (typeof slug !== "string") return null;
  return loadUnit(slug)?.solution ?? null;
}
