/**
 * Differential tests (issue 13): every corpus program runs twice - in the playground
 * (runProgram: transpile, QuickJS sandbox, bridge, real Redis) and as a plain Node process with
 * the real ioredis against a database of its own - and must print the same lines, end with the
 * same error (or none) and leave the same keys with the same values.
 */
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../../lib/runner/test-support";
import { closeNodeRunners, runInNode, splitLines, type WorldResult } from "./node-side";
import { withoutStackFrames } from "./compare";
import { CORPUS } from "./corpus";
import type { CorpusProgram } from "./corpus/types";

// Room on a busy machine: what is compared is behaviour, not the limits (tested elsewhere).
const LIMITS = { cpuMs: 2_000, wallMs: 15_000 };

function inPlayground(p: CorpusProgram) {
  return run(p.source, { setup: p.setup, inspectKeys: p.state, limits: LIMITS });
}

async function bothWorlds(p: CorpusProgram): Promise<{ node: WorldResult; playground: WorldResult; raw: Awaited<ReturnType<typeof inPlayground>> }> {
  const [node, raw] = await Promise.all([runInNode(p), inPlayground(p)]);
  const playground: WorldResult = {
    lines: raw.output.flatMap((o) => splitLines(o + "\n")),
    ...(raw.error ? { error: { name: "", message: raw.error.message } } : {}),
    state: raw.finalState ?? {},
  };
  return { node, playground, raw };
}

/** What is compared, as one value, so a failure shows every difference at once. */
function observable(p: CorpusProgram, w: WorldResult, error: string | undefined) {
  const lines = withoutStackFrames(w.lines).filter((l) => !p.varies?.test(l));
  return { lines, error, state: w.state };
}

const nodeError = (w: WorldResult) => (w.error ? `${w.error.name}: ${w.error.message}` : undefined);

// Started together, so the Node processes and the sandbox runs overlap (a few seconds in all).
const results = new Map<string, ReturnType<typeof bothWorlds>>();
for (const p of CORPUS) if (!p.refusal) results.set(p.name, bothWorlds(p));
for (const r of results.values()) r.catch(() => {});
// Every run started above ends before the worker pool closes (test-support's afterAll runs after this one).
afterAll(async () => {
  await Promise.allSettled(results.values());
  closeNodeRunners();
});

describe("fidelity: the playground prints what Node prints", () => {
  for (const p of CORPUS.filter((x) => !x.refusal && !x.pending)) {
    it(`${p.name} (${p.origin})`, async () => {
      const { node, playground, raw } = await results.get(p.name)!;
      // A playground error carries the learner-facing words; Node's uncaught "Name: message" must open them.
      const expected = nodeError(node);
      const got = raw.error && expected && raw.error.message.startsWith(expected) ? expected : raw.error?.message;
      expect(observable(p, playground, got)).toEqual(observable(p, node, expected));
      // The corpus names every key a program leaves: nothing else may be in its database.
      expect(node.keys).toEqual([...p.state].filter((k) => node.state[k] !== null).sort());
    });
  }
});

describe("fidelity: programs refused on purpose get their refusal", () => {
  for (const p of CORPUS.filter((x) => x.refusal)) {
    it(`${p.name}: ${p.refusal!.why}`, async () => {
      const r = await run(p.source, { setup: p.setup });
      expect(r.error?.code).toBe(p.refusal!.code);
      expect(r.error?.message).toMatch(p.refusal!.message);
    });
  }
});

// Not skipped: each asserts the difference is still there. When a feature lands and the
// program starts to match, this fails - then drop its `pending` and it joins the corpus above.
describe("fidelity: pending programs (known differences, listed for the lead)", () => {
  it("are programs of the corpus, each with its reason", () => {
    for (const p of CORPUS.filter((x) => x.pending)) expect(p.pending!.length, p.name).toBeGreaterThan(10);
    expect(CORPUS.filter((x) => !x.refusal).length).toBeGreaterThanOrEqual(40);
  });
  for (const p of CORPUS.filter((x) => x.pending && !x.refusal)) {
    it(`${p.name} still differs: ${p.pending}`, async () => {
      const { node, playground, raw } = await results.get(p.name)!;
      const expected = nodeError(node);
      const got = raw.error && expected && raw.error.message.startsWith(expected) ? expected : raw.error?.message;
      expect(observable(p, playground, got)).not.toEqual(observable(p, node, expected));
    });
  }
});
