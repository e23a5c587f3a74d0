// The flight reader and the cross-talk verdict, on replies shaped like the real server's
// (captured from `next start`: a text row for a long string, "$$" escapes, "$undefined").
import { describe, expect, it } from "vitest";
import { actionResult } from "./flight";
import { checkTask, runTask } from "./programs";
import { judge } from "./verdict";

const long = "é$".repeat(3000);
const reply = (output: string) =>
  `0:{"a":"$@1","q":"","i":false,"b":"x"}\n2:T${Buffer.byteLength(long).toString(16)},${long}1:{"status":"ok","output":${output},"error":"$undefined","trace":null}\n`;

describe("reading a server action's flight reply", () => {
  it("follows the head row to the returned value, with text rows and escapes", () => {
    expect(actionResult(reply(`["$2","$$x"]`))).toEqual({ status: "ok", output: [long, "$x"], error: undefined, trace: null });
  });

  it("refuses text that is not a flight reply", () => {
    expect(() => actionResult("<html>oops</html>")).toThrow(/not a server action response/);
  });
});

describe("judging a learner's Run", () => {
  const task = runTask(17, 0, 3);
  const ok = (output: string[]) => ({ ok: true as const, ms: 1, value: { status: "ok", output } });

  it("its own numbers are ok", () => {
    expect(judge(task, ok([task.expected]))).toEqual({ kind: "ok", crossTalk: false });
  });

  it("another learner's tag or numbers are cross-talk", () => {
    expect(judge(task, ok([task.expected.replace("L17-", "L18-")])).crossTalk).toBe(true);
    // Even in a run that failed: another learner's tag in its output is someone else's data.
    expect(judge(task, { ok: true, ms: 1, value: { status: "error", output: ["L18-2 score:1=18152"], error: { code: "runtime" } } })).toEqual({ kind: "runtime", crossTalk: true });
    expect(judge(task, ok([task.expected.replace(/=\d+/, "=1")]))).toEqual({ kind: "wrong_output", crossTalk: true });
  });

  it("a failed run counts by its error code, an HTTP failure by its status", () => {
    expect(judge(task, { ok: true, ms: 1, value: { status: "timeout", output: [], error: { code: "timeout" } } })).toEqual({ kind: "timeout", crossTalk: false });
    expect(judge(task, { ok: false, ms: 1, kind: "http_500" })).toEqual({ kind: "http_500", crossTalk: false });
  });
});

describe("judging a learner's Check", () => {
  const task = checkTask(0);
  const check = (value: object) => ({ ok: true as const, ms: 1, value });

  it("a Check some of whose interleavings were refused is the host's busyness, not the learner's fail", () => {
    expect(judge(task, check({ status: "error", tests: [{ status: "error" }] })).kind).toBe("busy_untried_interleavings");
    expect(judge(task, check({ status: "error", tests: [], error: { code: "busy" } })).kind).toBe("busy");
    expect(judge(task, check({ status: "fail", tests: [] })).kind).toBe("check_fail");
  });
});
