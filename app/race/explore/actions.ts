"use server";
/**
 * The explorer's server actions, thin on purpose: the work is in run-schedule.ts and
 * session-store.ts; here is only who is asking.
 */
import { cookies, headers } from "next/headers";
import { actionClient } from "@/lib/http/request-client";
import { INSTRUCTOR_COOKIE, instructorAccess } from "@/lib/race/server/instructor";
import type { ExploreState } from "@/components/explorer/explore-contract";
import { runScheduleStep } from "./run-schedule";
import { createSession, SESSION_TTL_S, sessionCookie } from "./session-store";

export async function exploreStep(input: unknown): Promise<ExploreState> {
  return runScheduleStep(input, {
    client: actionClient,
    sessionToken: async (id) => (await cookies()).get(sessionCookie(id))?.value,
  });
}

export type PresentOutcome = { ok: true; session: string } | { ok: false; message: string };

/** Starts presenting: the audience link follows this browser's steps. Instructors only on a locked lab. */
export async function startPresenting(): Promise<PresentOutcome> {
  const jar = await cookies();
  const access = instructorAccess({ cookie: jar.get(INSTRUCTOR_COOKIE)?.value });
  if (!access.ok) return { ok: false, message: "Presenting needs the instructor key: enter it once in the race lab's start form, then come back." };
  try {
    const { id, token } = await createSession();
    const secure = (await headers()).get("x-forwarded-proto") === "https";
    jar.set(sessionCookie(id), token, { httpOnly: true, sameSite: "strict", path: "/", maxAge: SESSION_TTL_S, secure });
    return { ok: true, session: id };
  } catch {
    return { ok: false, message: "The server could not reach Redis to start presenting. Try again in a moment." };
  }
}
