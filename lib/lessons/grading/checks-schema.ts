/**
 * The schema of a unit's optional checks.json: what the grader needs to know about an
 * exercise so that a new unit needs content, not grader code. Strict, like unit.json.
 *
 *   { "function": { "name": "updateLikes", "params": ["postId", "increment"],
 *                   "key": "likes:{postId}", "delta": "increment" },
 *     "calls": [{ "args": [99, 15] }],
 *     "concurrentCalls": [[99, 1], [99, 2]] }
 */
import { z } from "zod";
import { planWriteSchema } from "../schema";
import { INTEGER_COUNTER_NAMES } from "../../commands/catalogue";

const identifier = z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, "must be a JavaScript identifier");
const arg = z.union([z.string(), z.number()]);
/** The grader must know what a staged write added: only counter writes whose effect adds up exactly. */
const COUNTER_WRITES = INTEGER_COUNTER_NAMES;

const scenarioSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case"),
  /** Shown to the learner next to a failing test: what the other client did. */
  description: z.string().trim().min(1),
  /** Whether a correct program's EXEC is aborted here (a staged write on a rejected update aborts nothing). */
  expectsAbort: z.boolean().default(true),
  // Only staged conflicts with counter writes: the grader must know what the write added.
  plan: z.strictObject({
    kind: z.literal("conflict"),
    attempts: z.array(z.number().int().positive()).min(1),
    write: planWriteSchema
      .refine((w) => COUNTER_WRITES.includes(w.name), `must be one of ${COUNTER_WRITES.join(", ")}`)
      .optional(),
  }),
});

export const checksFileSchema = z
  .strictObject({
    /** The transaction function the exercise asks for. */
    function: z.strictObject({
      name: identifier,
      params: z.array(identifier).min(1),
      /** The key each call updates, with {param} placeholders: "balance:{userId}". */
      key: z.string().min(1),
      /** The parameter holding the amount added to the key. */
      delta: identifier,
    }),
    /** The calls the program makes, in order. `rejected`: the call must write nothing (unit 4's negative balance). */
    calls: z.array(z.strictObject({ args: z.array(arg), rejected: z.boolean().optional() })).min(1),
    /** Calls the grader appends to the program and runs at the same time, to catch a shared connection. */
    concurrentCalls: z.array(z.array(arg)).min(2).optional(),
    /** Staged races on top of the built-in ones (no interference, one conflict, three in a row). */
    scenarios: z.array(scenarioSchema).default([]),
  })
  .superRefine((c, ctx) => {
    const params = c.function.params;
    if (!params.includes(c.function.delta)) {
      ctx.addIssue({ code: "custom", path: ["function", "delta"], message: `"${c.function.delta}" is not one of params` });
    }
    for (const m of c.function.key.matchAll(/\{([^}]*)\}/g)) {
      if (!params.includes(m[1]!)) {
        ctx.addIssue({ code: "custom", path: ["function", "key"], message: `placeholder {${m[1]}} is not one of params` });
      }
    }
    const deltaAt = params.indexOf(c.function.delta);
    const checkArgs = (args: (string | number)[], path: (string | number)[]) => {
      if (args.length !== params.length) {
        ctx.addIssue({ code: "custom", path, message: `needs ${params.length} arguments (${params.join(", ")})` });
      } else if (typeof args[deltaAt] !== "number") {
        ctx.addIssue({ code: "custom", path, message: `the ${c.function.delta} argument must be a number` });
      }
    };
    c.calls.forEach((call, i) => checkArgs(call.args, ["calls", i, "args"]));
    c.concurrentCalls?.forEach((args, i) => checkArgs(args, ["concurrentCalls", i]));
  });

export type ChecksFile = z.infer<typeof checksFileSchema>;
export type ExtraScenario = ChecksFile["scenarios"][number];

/** One call with its key and amount worked out from the function's description. */
export interface ResolvedCall {
  args: (string | number)[];
  key: string;
  delta: number;
  rejected: boolean;
  /** As the learner would write it: updateLikes(99, 15). */
  text: string;
}

export interface UnitChecks {
  functionName: string;
  calls: ResolvedCall[];
  concurrentCalls: ResolvedCall[];
  scenarios: ExtraScenario[];
  /** Every key the calls update, in first-call order. */
  keys: string[];
}

export function resolveChecks(file: ChecksFile): UnitChecks {
  const { name, params, key, delta } = file.function;
  const resolve = (args: (string | number)[], rejected = false): ResolvedCall => ({
    args,
    key: key.replace(/\{([^}]*)\}/g, (_, p: string) => String(args[params.indexOf(p)])),
    delta: Number(args[params.indexOf(delta)]),
    rejected,
    text: `${name}(${args.map((a) => JSON.stringify(a)).join(", ")})`,
  });
  const calls = file.calls.map((c) => resolve(c.args, c.rejected ?? false));
  return {
    functionName: name,
    calls,
    concurrentCalls: (file.concurrentCalls ?? []).map((a) => resolve(a)),
    scenarios: file.scenarios,
    keys: [...new Set(calls.map((c) => c.key))],
  };
}
