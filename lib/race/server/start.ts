/**
 * Starting a race run: validate, claim a slot, store the run's meta, start the engine WITHOUT
 * awaiting it (the run lives in this instance's worker pool; its events go to the Redis Stream),
 * and hand back the run id plus the presenter's control token.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { runProgram } from "@/lib/runner";
import type { RunResult } from "@/lib/runner";
import { loadUnit } from "@/lib/lessons/loader";
import { serviceRedis } from "@/lib/redis/service-client";
import { REPLAY_TTL_S, serviceKeys } from "@/lib/redis/namespace";
import { resolveLimits } from "@/lib/runner/limits/defaults";
import type { TraceEvent } from "@/lib/trace/types";
import { crowdExpected } from "../crowd";
import { metaKey, type RaceMeta } from "../meta";
import { buildRaceRun } from "../plan";
import { crowdStats, type Measurement } from "../stats";
import { describeProblem, measureSchema, startRaceSchema, type StartRace } from "../schema";
import { releaseRun, reserveRun } from "./admission";
import { watchPresenterLease } from "./presenter-lease";

export type StartOutcome = { ok: true; runId: string; token: string } | { ok: false; status: 400 | 422 | 429 | 503; message: string };

const HOST_GRACE_MS = 10_000;

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export function tokenMatches(token: string | undefined, controlHash: string): boolean {
  if (!token) return false;
  const a = Buffer.from(hash(token), "hex");
  const b = Buffer.from(controlHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `client`: the requester's identity key (lib/http/client-id.ts), for its own bound on runs. */
export async function startRace(body: unknown, client: string): Promise<StartOutcome> {
  const parsed = startRaceSchema.safeParse(body);
  if (!parsed.success) return { ok: false, status: 422, message: describeProblem(parsed.error) };
  const input: StartRace = parsed.data;
  const built = buildRaceRun(input, (slug) => loadUnit(slug));
  if (!built.ok) return { ok: false, status: 422, message: built.message };

  const redis = serviceRedis();
  const runId = `race-${randomBytes(9).toString("base64url")}`;
  const token = randomBytes(18).toString("base64url");
  const wallMs = resolveLimits(built.request.limits).wallMs;
  try {
    const slot = await reserveRun(redis, runId, wallMs + HOST_GRACE_MS, client);
    if (!slot.ok) return { ok: false, status: 429, message: slot.message };
    const meta: RaceMeta = {
      runId,
      mode: input.mode,
      title: built.title,
      source: built.request.source,
      ...(input.mode !== "crowd" ? { opponent: input.opponent } : {}),
      ...(input.mode === "crowd"
        ? { crowd: { clients: input.clients, key: input.key, increment: input.increment, atomic: input.atomic, expected: crowdExpected(input) } }
        : {}),
      inspectKeys: built.inspectKeys,
      createdAt: Date.now(),
      controlHash: hash(token),
    };
    await redis.set(metaKey(runId), JSON.stringify(meta), "EX", REPLAY_TTL_S);
  } catch {
    await releaseRun(redis, runId, client).catch(() => {});
    return { ok: false, status: 503, message: "Redis is not answering, so no run can start. Try again in a moment." };
  }

  // Only a step run waits for its presenter; the others end by themselves within a minute.
  const endLease = input.mode === "step" ? watchPresenterLease(redis, runId) : () => {};
  // Not awaited on purpose: the page follows the run through its stream.
  void runProgram({ ...built.request, runId, stream: true })
    .then((result) => ensureStored(result))
    .catch((e) => console.error("race run failed to finish cleanly", e))
    .finally(() => {
      endLease();
      return releaseRun(redis, runId, client).catch(() => {});
    });
  return { ok: true, runId, token };
}

/**
 * A run rejected before it started (syntax error, bad request, pool failure) never opens its
 * stream; publish its end and result so viewers are told instead of waiting forever.
 */
async function ensureStored(result: RunResult): Promise<void> {
  const redis = serviceRedis();
  const keys = serviceKeys(result.runId);
  if (await redis.exists(keys.result)) return;
  const end: TraceEvent = result.trace.events.findLast((e) => e.kind === "end") ?? {
    kind: "end",
    seq: (result.trace.events.at(-1)?.seq ?? 0) + 1,
    at: 0,
    status: result.status,
    ...(result.error ? { message: result.error.message } : {}),
  };
  await redis
    .multi()
    .xadd(keys.events, "MAXLEN", "~", "20000", "*", "e", JSON.stringify(end))
    .expire(keys.events, REPLAY_TTL_S)
    .set(keys.result, JSON.stringify(result), "EX", REPLAY_TTL_S)
    .exec();
}

/** One point of the contention chart: a crowd run, awaited, reduced to its figures. */
export async function measureCrowd(body: unknown, client: string): Promise<{ ok: true; measurement: Measurement } | { ok: false; status: 422 | 429 | 500; message: string }> {
  const parsed = measureSchema.safeParse(body);
  if (!parsed.success) return { ok: false, status: 422, message: describeProblem(parsed.error) };
  const { clients, atomic } = parsed.data;
  const input: StartRace = { mode: "crowd", clients, atomic, key: "counter", increment: 1 };
  const built = buildRaceRun(input, () => undefined);
  if (!built.ok) return { ok: false, status: 422, message: built.message };
  const redis = serviceRedis();
  const runId = `measure-${randomBytes(9).toString("base64url")}`;
  const slot = await reserveRun(redis, runId, 60_000 + HOST_GRACE_MS, client);
  if (!slot.ok) return { ok: false, status: 429, message: slot.message };
  try {
    const r = await runProgram({ ...built.request, runId });
    if (r.status !== "ok") return { ok: false, status: 500, message: r.error?.message ?? "The crowd run did not finish." };
    return { ok: true, measurement: toMeasurement(r, clients, atomic) };
  } finally {
    await releaseRun(redis, runId, client).catch(() => {});
  }
}

export function toMeasurement(r: RunResult, clients: number, atomic: boolean): Measurement {
  const s = crowdStats(r.trace);
  const final = r.finalState?.counter;
  const expected = crowdExpected({ clients, increment: 1 });
  return {
    clients,
    atomic,
    attemptsPerCommit: s.attemptsPerCommit,
    maxAttempts: s.maxAttempts,
    totalAttempts: s.totalAttempts,
    commits: s.commits,
    final: typeof final === "string" ? final : null,
    expected,
    exact: final === String(expected) && s.commits === clients,
    ms: r.timings.programMs,
    commands: r.trace.events.filter((e) => e.kind === "command").length,
  };
}
