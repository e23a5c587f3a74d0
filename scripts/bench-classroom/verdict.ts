// How one action's reply is judged: ok, an error kind (the result's code, an HTTP failure), and
// whether it shows another learner's numbers (cross-talk).
import type { ActionOutcome } from "./learner-client";
import type { Task } from "./programs";

export interface Verdict {
  /** "ok", or the kind of failure: an error code from the result, "check_fail", "wrong_output", "http_500" ... */
  kind: string;
  crossTalk: boolean;
}

const LEARNER_TAG = /L(\d+)-/g;

export function judge(task: Task, outcome: ActionOutcome): Verdict {
  if (!outcome.ok) return { kind: outcome.kind, crossTalk: false };
  const v = outcome.value as { status?: string; output?: unknown; error?: { code?: string; message?: string } } | null;
  if (!v || typeof v !== "object") return { kind: "unreadable_reply", crossTalk: false };
  if (task.kind === "check") {
    if (v.status === "pass") return { kind: "ok", crossTalk: false };
    if (v.status === "fail") return { kind: "check_fail", crossTalk: false };
    // An "error" without an error of its own: a test could not be evaluated - the grader's
    // exploration was refused some of its runs ("too busy to try every interleaving").
    return { kind: v.error ? errorKind(v.error) : "busy_untried_interleavings", crossTalk: false };
  }
  const output = Array.isArray(v.output) ? v.output.map(String) : [];
  const others = task.tag ? output.join("\n").match(LEARNER_TAG)?.filter((t) => t !== task.tag) ?? [] : [];
  const crossTalk = others.length > 0 || (v.status === "ok" && task.tag !== "" && output.some((l) => l !== task.expected));
  if (v.status !== "ok") return { kind: errorKind(v.error), crossTalk };
  if (output.length !== 1 || output[0] !== task.expected) return { kind: "wrong_output", crossTalk };
  return { kind: "ok", crossTalk };
}

/** The result's error code: it says whose doing it was ("busy" is the host's, "timeout" the program's wall limit). */
function errorKind(error: { code?: string } | undefined): string {
  return error?.code ?? "no_code";
}
