/**
 * One schema for the race lab's form and its routes: what an instructor may start, and the
 * control signals a presenter may send. Bounds here are what keeps one lab from starving the server.
 */
import "../zod-browser";
import { CODE_MAX_CHARS } from "../runner/limits/code-size";
import { z } from "zod";
import { MAX_CROWD } from "./crowd";

export const RACE_MODES = ["step", "staged", "live", "crowd"] as const;
export type RaceMode = (typeof RACE_MODES)[number];

const key = z.string().regex(/^[A-Za-z0-9:_.-]{1,60}$/, "Use a key name of letters, digits and : _ . - (up to 60).");
const slug = z.string().regex(/^[a-z0-9-]{1,60}$/);

/** Client B's write: INCRBY key N or SET key V. */
export const opponentSchema = z
  .object({ op: z.enum(["INCRBY", "SET"]), key, value: z.number().int().min(-1_000_000).max(1_000_000) })
  .strict();
export type Opponent = z.infer<typeof opponentSchema>;

/** A unit's program, or pasted code run with that unit's setup. */
const program = {
  unit: slug,
  source: z.string().min(1).max(CODE_MAX_CHARS, "The code is longer than 64 KB.").optional(),
  opponent: opponentSchema,
};

export const startRaceSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("step"), ...program, idleSeconds: z.number().int().min(5).max(900).default(300) }).strict(),
  z.object({ mode: z.literal("staged"), ...program, attempts: z.array(z.number().int().min(1).max(20)).min(1).max(10) }).strict(),
  z.object({ mode: z.literal("live"), ...program, times: z.number().int().min(1).max(500), everyMs: z.number().int().min(0).max(1000) }).strict(),
  z
    .object({
      mode: z.literal("crowd"),
      clients: z.number().int().min(1).max(MAX_CROWD, `At most ${MAX_CROWD} clients.`),
      key: key.default("counter"),
      increment: z.number().int().min(1).max(1000).default(1),
      atomic: z.boolean().default(false),
    })
    .strict(),
]);
export type StartRaceInput = z.input<typeof startRaceSchema>;
export type StartRace = z.output<typeof startRaceSchema>;

/**
 * What the presenter's page sends; "inject" uses the run's configured B write. "heartbeat" is
 * the page saying it is still open (it renews the presenter's lease, the run never sees it).
 */
export const raceControlSchema = z.object({ type: z.enum(["step", "inject", "resume", "stop", "heartbeat"]) }).strict();
export type RaceControl = z.infer<typeof raceControlSchema>;

/** Contention chart: one crowd measurement. */
export const measureSchema = z
  .object({ clients: z.number().int().min(1).max(MAX_CROWD), atomic: z.boolean().default(false) })
  .strict();
