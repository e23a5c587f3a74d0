/**
 * One explorer step on the server: validate, build the schedule run (the unit's setup, its
 * explorer program unless code was sent, `then: "pause"`), run it admitted as this client's run,
 * and - when presenting - publish it to the session's audience. Stateless: undo is a shorter
 * schedule, replayed on a fresh namespace. Never throws.
 */
import { loadUnit } from "@/lib/lessons/loader";
import { runProgram, type RunResult } from "@/lib/runner";
import { findLostUpdate, type LostUpdate, type Trace } from "@/lib/trace";
import { loadChecks } from "@/lib/lessons/grading/checks-loader";
import { buildExploreRun } from "@/lib/race/explore";
import { describeIssues } from "@/lib/validation/issues";
import { exploreInputSchema, type ExploreState } from "@/components/explorer/explore-contract";
import { explorerProgram } from "@/components/explorer/program-variants";
import { publishStep } from "./session-store";

const refused = (choices: string, message: string): ExploreState => ({
  status: "error",
  choices,
  trace: null,
  schedule: null,
  output: [],
  error: { code: "bad_request", message },
  lostUpdate: null,
});

/** The value setup gives a key (SET key N), as a number; undefined when setup does not set it. */
function setupValue(setup: readonly (string | number)[][], key: string): number | undefined {
  const set = setup.findLast((c) => String(c[0]).toUpperCase() === "SET" && c[1] === key);
  const n = set ? Number(set[2]) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function lostUpdateOf(trace: Trace, keys: readonly string[], setup: readonly (string | number)[][], finalState: RunResult["finalState"]): LostUpdate | null {
  for (const key of keys) {
    const initial = setupValue(setup, key);
    const lost = findLostUpdate(trace, { key, ...(initial !== undefined ? { initial } : {}), ...(finalState?.[key] !== undefined ? { final: finalState[key] } : {}) });
    if (lost) return lost;
  }
  return null;
}

export async function runScheduleStep(input: unknown, who: { client: () => Promise<string>; sessionToken: (id: string) => Promise<string | undefined> }): Promise<ExploreState> {
  const parsed = exploreInputSchema.safeParse(input);
  if (!parsed.success) return refused("", describeIssues(parsed.error, { first: true }));
  const { session, ...explore } = parsed.data;
  const unit = loadUnit(explore.unit);
  // The explorer's own program (two calls at once) unless code came, or the grader's calls are asked for.
  const source = explore.source ?? (unit && !explore.concurrentCalls ? explorerProgram(unit) : undefined);
  const built = buildExploreRun({ ...explore, ...(source ? { source } : {}) }, loadUnit, (s) => loadChecks(s));
  if (!built.ok || !unit) return refused(explore.choices, built.ok ? "That unit does not exist. Pick one from the list." : built.message);
  const { choices } = explore;
  try {
    const result = await runProgram({ ...built.request, client: await who.client() });
    const state: ExploreState = {
      status: result.status,
      choices,
      trace: result.trace,
      schedule: result.schedule ?? null,
      output: result.output,
      ...(result.finalState ? { finalState: result.finalState } : {}),
      ...(result.error ? { error: result.error } : {}),
      lostUpdate: lostUpdateOf(result.trace, built.inspectKeys, unit.setup, result.finalState),
    };
    if (session) await publishStep(session, await who.sessionToken(session), explore, state);
    return state;
  } catch (err) {
    console.error("explorer: unexpected failure", err);
    return { ...refused(choices, ""), error: { code: "internal", message: "Something went wrong on our side while running this schedule. Please try again in a moment." } };
  }
}
