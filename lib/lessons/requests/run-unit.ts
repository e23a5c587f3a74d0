import { loadUnit } from "../loader";
import { meetsExpectation } from "../grading/expectation";
import { runProgram } from "@/lib/runner";
import { runInputSchema, sourceTooLong, type RunState } from "./contract";
import { signSharedRun } from "@/lib/runs/seal";
import { sharedRunOf } from "@/lib/runs/shared-run";

function failure(code: NonNullable<RunState["error"]>["code"], message: string): RunState {
  return { status: "error", output: [], trace: null, error: { code, message } };
}

/**
 * Runs the learner's program for one unit. The client sends only code, slug and a scenario
 * id; setup, inspected keys and interference plans come from the unit on the server.
 * `clientOf` names who asked (lib/http/request-client), looked up only for a valid request.
 * Never throws.
 */
export async function runUnitRequest(input: unknown, clientOf: () => Promise<string | undefined>): Promise<RunState> {
  const parsed = runInputSchema.safeParse(input);
  if (!parsed.success) {
    const tooLong = sourceTooLong(parsed.error);
    return tooLong ? failure("code_limit", tooLong) : failure("bad_request", "This run request was not understood. Reload the page and try again.");
  }
  const { slug, source, scenarioId } = parsed.data;
  const unit = loadUnit(slug);
  if (!unit) return failure("bad_request", "This unit does not exist. Go back to the course and pick it again.");
  const scenario = scenarioId ? unit.scenarios.find((s) => s.id === scenarioId) : undefined;
  if (scenarioId && !scenario) return failure("bad_request", "That staged race is not part of this unit.");

  try {
    const client = await clientOf();
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
export function unitSolution(slug: unknown): string | null {
  if (typeof slug !== "string") return null;
  return loadUnit(slug)?.solution ?? null;
}
