/**
 * Presenting the explorer: the presenter's current schedule (and its result, so the audience
 * runs nothing) goes to a small Redis Stream per session, and every audience page follows it
 * over SSE from whichever instance serves it. The presenter holds the session's token in an
 * HttpOnly cookie; only its hash is stored.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { serviceRedis, type ServiceRedis } from "@/lib/redis/service-client";
import { RESULT_MAX_BYTES } from "@/lib/runner/worker/result-json";
import type { ExploreState, PublishedStep } from "@/components/explorer/explore-contract";

/** A lecture and then some. */
export const SESSION_TTL_S = 6 * 60 * 60;
/** Followers need only the latest step; a few kept for a reconnecting page. */
const STEPS_KEPT = 20;
const FIELD = "s";

const keys = (id: string) => ({ owner: `{explore:${id}}:owner`, steps: `{explore:${id}}:steps` });
const hash = (token: string) => createHash("sha256").update(token).digest("hex");
export const sessionCookie = (id: string) => `explore_ctl_${id}`;

export async function createSession(): Promise<{ id: string; token: string }> {
  const id = randomBytes(13).toString("base64url").slice(0, 18);
  const token = randomBytes(18).toString("base64url");
  await serviceRedis().set(keys(id).owner, hash(token), "EX", SESSION_TTL_S);
  return { id, token };
}

export async function ownsSession(id: string, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  const stored = await serviceRedis().get(keys(id).owner);
  if (!stored) return false;
  const a = Buffer.from(hash(token), "hex");
  const b = Buffer.from(stored, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function sessionExists(id: string): Promise<boolean> {
  return (await serviceRedis().exists(keys(id).owner)) === 1;
}

/** Publishes a step when `token` is the session's; a stranger's step is simply not published. */
export async function publishStep(id: string, token: string | undefined, link: PublishedStep["link"], state: ExploreState): Promise<boolean> {
  if (!(await ownsSession(id, token))) return false;
  let json = JSON.stringify({ link, state } satisfies PublishedStep);
  if (Buffer.byteLength(json) > RESULT_MAX_BYTES) json = JSON.stringify({ link, state: null } satisfies PublishedStep);
  const k = keys(id);
  await serviceRedis().multi().xadd(k.steps, "MAXLEN", "~", String(STEPS_KEPT), "*", FIELD, json).expire(k.steps, SESSION_TTL_S).expire(k.owner, SESSION_TTL_S).exec();
  return true;
}

type RawEntry = [id: string, fields: string[]];
const toStep = ([entryId, fields]: RawEntry): { id: string; json: string } => ({ id: entryId, json: fields[1] ?? "{}" });

/** The latest published step (null before the first). */
export async function latestStep(conn: ServiceRedis, id: string): Promise<{ id: string; json: string } | null> {
  const res = (await conn.xrevrange(keys(id).steps, "+", "-", "COUNT", 1)) as RawEntry[];
  return res[0] ? toStep(res[0]) : null;
}

/** Steps published after `after`, waiting up to `blockMs` (use a connection of its own). */
export async function stepsAfter(conn: ServiceRedis, id: string, after: string, blockMs: number): Promise<{ id: string; json: string }[]> {
  const res = (await conn.xread("COUNT", 10, "BLOCK", blockMs, "STREAMS", keys(id).steps, after)) as [string, RawEntry[]][] | null;
  return (res?.[0]?.[1] ?? []).map(toStep);
}
