/** Validates what callers hand the engine (server actions, CLI, race lab, the grader). */
import { z } from "zod";
import { RUN_ID_PATTERN } from "../../redis/namespace";
import { interferencePlanSchema } from "../plans/schema";

const arg = z.union([z.string().max(10_000), z.number().finite()]);

export const runRequestSchema = z
  .object({
    source: z.string(),
    setup: z.array(z.array(arg).min(1).max(20)).max(50).optional(),
    plan: interferencePlanSchema.optional(),
    limits: z.record(z.string(), z.number()).optional(),
    runId: z.string().regex(RUN_ID_PATTERN).optional(),
    stream: z.boolean().optional(),
    inspectKeys: z.array(z.string().max(200)).max(20).optional(),
    client: z.string().min(1).max(100).optional(),
  })
  .strict();

/** A one-line, human description of the first problem in a request. */
export function describeIssue(error: z.ZodError): string {
  const i = error.issues[0];
  return i ? `${i.path.join(".") || "request"}: ${i.message}` : "invalid request";
}
