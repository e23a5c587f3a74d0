import type { NextRequest } from "next/server";
import { jsonBodyOr413 } from "@/lib/http/read-json-body";
import { requestClient } from "@/lib/http/request-client";
import { INSTRUCTOR_COOKIE, instructorAccess } from "@/lib/race/server/instructor";
import { measureCrowd } from "@/lib/race/server/start";

export const dynamic = "force-dynamic";

/** One point of the contention chart: K clients race on one key, measured against the real Redis. */
export async function POST(request: NextRequest) {
  const read = await jsonBodyOr413(request);
  if ("refused" in read) return read.refused;
  const body = read.body;
  // A measurement is a crowd run: locked like starting one.
  const access = instructorAccess({ key: request.headers.get("x-instructor-key"), cookie: request.cookies.get(INSTRUCTOR_COOKIE)?.value });
  if (!access.ok) return Response.json({ error: access.message }, { status: access.status });
  const out = await measureCrowd(body, requestClient(request).key);
  if (!out.ok) return Response.json({ error: out.message }, { status: out.status });
  return Response.json(out.measurement, { headers: { "cache-control": "no-store" } });
}
