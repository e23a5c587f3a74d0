import { z } from "zod";
import { RUN_ID_PATTERN } from "../redis/namespace";

/** Validates what callers hand the engine (server actions, CLI, race lab): plans included. */
const arg = z.union([z.string().max(10_000), z.number().finite()]);
const planWrite = z.object({ name: z.string().regex(/^[A-Za-z]{2,20}$/), args: z.array(arg).min(1).max(10) }).strict();

export const interferencePlanSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("conflict"), attempts: z.array(z.number().int().min(1).max(100)).min(1).max(20), write: planWrite.optional() }).strict(),
  z
    .object({
      kind: z.literal("writer"),
      write: planWrite,
      times: z.number().int().min(1).max(1000),
      everyMs: z.number().min(0).max(10_000),
      startAfterMs: z.number().min(0).max(10_000).optional(),
    })
    .strict(),
  z.object({ kind: z.literal("step"), idleTimeoutMs: z.number().int().min(1000).max(30 * 60_000).optional() }).strict(),
]);

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
