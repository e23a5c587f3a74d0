import { measureCrowd } from "@/lib/race/server/start";

export const dynamic = "force-dynamic";

/** One point of the contention chart: K clients race on one key, measured against the real Redis. */
export async function POST(request: Request) {
  const out = await measureCrowd(await request.json().catch(() => null));
  if (!out.ok) return Response.json({ error: out.message }, { status: out.status });
  return Response.json(out.measurement, { headers: { "cache-control": "no-store" } });
}
