import type { NextRequest } from "next/server";
import { sendControl } from "@/lib/runner/plans/control";
import { serviceRedis } from "@/lib/redis/service-client";
import { serviceKeys } from "@/lib/redis/namespace";
import { jsonBodyOr413 } from "@/lib/http/read-json-body";
import { controlCookie } from "@/lib/race/meta";
import { opponentWrite } from "@/lib/race/plan";
import { describeProblem, raceControlSchema } from "@/lib/race/schema";
import { INSTRUCTOR_COOKIE, instructorAccess } from "@/lib/race/server/instructor";
import { readMeta } from "@/lib/race/server/meta-store";
import { renewLease } from "@/lib/race/server/presenter-lease";
import { tokenMatches } from "@/lib/race/server/start";

export const dynamic = "force-dynamic";

/** A control signal is a few bytes of JSON. */
const CONTROL_BODY_LIMIT = 1024;
const noStore = { "cache-control": "no-store" };
const refuse = (error: string, status: number) => Response.json({ error }, { status, headers: noStore });

/** Step / B writes now / resume / stop / heartbeat. Goes through Redis, so any instance can control any run. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const read = await jsonBodyOr413(request, CONTROL_BODY_LIMIT);
  if ("refused" in read) return read.refused;
  const body = read.body;
  const parsed = raceControlSchema.safeParse(body);
  if (!parsed.success) return refuse(describeProblem(parsed.error), 422);
  const access = instructorAccess({ key: request.headers.get("x-instructor-key"), cookie: request.cookies.get(INSTRUCTOR_COOKIE)?.value });
  if (!access.ok) return refuse(access.message, access.status);
  const meta = await readMeta(id).catch(() => null);
  if (!meta) return refuse("This run does not exist or is older than 24 hours.", 404);
  const token = request.headers.get("x-race-token") ?? request.cookies.get(controlCookie(id))?.value;
  if (!tokenMatches(token, meta.controlHash)) return refuse("Only the presenter who started this run can control it.", 403);
  if (meta.mode !== "step") return refuse("Only step-mode runs take controls.", 409);
  const redis = serviceRedis();
  if (await redis.exists(serviceKeys(id).result)) return refuse("This run has already ended.", 409);
  const { type } = parsed.data;
  if (type === "heartbeat") await renewLease(redis, id);
  else if (type === "inject") {
    if (!meta.opponent) return refuse("This run has no client B write configured.", 409);
    await sendControl(redis, id, { type, write: opponentWrite(meta.opponent) });
  } else await sendControl(redis, id, { type });
  return Response.json({ ok: true }, { headers: noStore });
}
