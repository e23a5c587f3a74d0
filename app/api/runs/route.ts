import type { NextRequest } from "next/server";
import { jsonBodyOr413 } from "@/lib/http/read-json-body";
import { requestClient, viaHttps } from "@/lib/http/request-client";
import { controlCookie } from "@/lib/race/meta";
import { INSTRUCTOR_COOKIE, instructorAccess, instructorSetCookie } from "@/lib/race/server/instructor";
import { startRace } from "@/lib/race/server/start";

export const dynamic = "force-dynamic";

/** The start form sends the instructor key along with the run; the run's schema never sees it. */
function splitKey(body: unknown): { key: string | null; run: unknown } {
  if (!body || typeof body !== "object" || Array.isArray(body) || !("instructorKey" in body)) return { key: null, run: body };
  const { instructorKey, ...run } = body as Record<string, unknown>;
  return { key: typeof instructorKey === "string" && instructorKey ? instructorKey : null, run };
}

/** Starts a race-lab run; the presenter's control token comes back in a cookie (and the body, for scripts). */
export async function POST(request: NextRequest) {
  const read = await jsonBodyOr413(request);
  if ("refused" in read) return read.refused;
  const body = read.body;
  const { key, run } = splitKey(body);
  const access = instructorAccess({ key: key ?? request.headers.get("x-instructor-key"), cookie: request.cookies.get(INSTRUCTOR_COOKIE)?.value });
  if (!access.ok) return Response.json({ error: access.message }, { status: access.status, headers: { "cache-control": "no-store" } });

  const out = await startRace(run, requestClient(request).key);
  const res = out.ok
    ? Response.json(
        { runId: out.runId, token: out.token, presenter: `/race/${out.runId}`, watch: `/race/${out.runId}/watch` },
        { status: 201, headers: { "cache-control": "no-store" } },
      )
    : Response.json({ error: out.message }, { status: out.status, headers: { "cache-control": "no-store" } });
  const secure = viaHttps(request) ? "; Secure" : "";
  if (out.ok) res.headers.append("set-cookie", `${controlCookie(out.runId)}=${out.token}; Path=/; Max-Age=86400; HttpOnly; SameSite=Strict${secure}`);
  // A right key is remembered even when the run itself was refused (a typo in the code, say).
  const remember = access.remember ? instructorSetCookie(viaHttps(request)) : null;
  if (remember) res.headers.append("set-cookie", remember);
  return res;
}
