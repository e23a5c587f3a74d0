import { controlCookie } from "@/lib/race/meta";
import { startRace } from "@/lib/race/server/start";

export const dynamic = "force-dynamic";

/** Starts a race-lab run; the presenter's control token comes back in a cookie (and the body, for scripts). */
export async function POST(request: Request) {
  const body: unknown = await request.json().catch(() => null);
  const out = await startRace(body);
  if (!out.ok) return Response.json({ error: out.message }, { status: out.status });
  const res = Response.json(
    { runId: out.runId, token: out.token, presenter: `/race/${out.runId}`, watch: `/race/${out.runId}/watch` },
    { status: 201, headers: { "cache-control": "no-store" } },
  );
  res.headers.append("set-cookie", `${controlCookie(out.runId)}=${out.token}; Path=/; Max-Age=86400; HttpOnly; SameSite=Strict`);
  return res;
}
