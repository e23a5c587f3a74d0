import { cookies } from "next/headers";
import { sendControl } from "@/lib/runner/control";
import { serviceRedis } from "@/lib/redis/service-client";
import { serviceKeys } from "@/lib/redis/namespace";
import { controlCookie } from "@/lib/race/meta";
import { opponentWrite } from "@/lib/race/plan";
import { describeProblem, raceControlSchema } from "@/lib/race/schema";
import { readMeta } from "@/lib/race/server/meta-store";
import { tokenMatches } from "@/lib/race/server/start";

export const dynamic = "force-dynamic";

/** Step / B writes now / resume / stop. Goes through Redis, so any instance can control any run. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const parsed = raceControlSchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: describeProblem(parsed.error) }, { status: 422 });
  const meta = await readMeta(id).catch(() => null);
  if (!meta) return Response.json({ error: "This run does not exist or is older than 24 hours." }, { status: 404 });
  const token = request.headers.get("x-race-token") ?? (await cookies()).get(controlCookie(id))?.value;
  if (!tokenMatches(token, meta.controlHash)) return Response.json({ error: "Only the presenter who started this run can control it." }, { status: 403 });
  if (meta.mode !== "step") return Response.json({ error: "Only step-mode runs take controls." }, { status: 409 });
  const redis = serviceRedis();
  if (await redis.exists(serviceKeys(id).result)) return Response.json({ error: "This run has already ended." }, { status: 409 });
  const { type } = parsed.data;
  if (type === "inject") {
    if (!meta.opponent) return Response.json({ error: "This run has no client B write configured." }, { status: 409 });
    await sendControl(redis, id, { type, write: opponentWrite(meta.opponent) });
  } else await sendControl(redis, id, { type });
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
