/**
 * The race lab can be locked to instructors: with PLAYGROUND_INSTRUCTOR_KEY set, starting a run
 * (and controlling one) needs that key, typed once into the start form and then remembered in an
 * HttpOnly cookie. Unset, the lab stays open, as for one person running it locally. Watching a
 * run never needs the key: the audience only has the link.
 */
import { createHash, timingSafeEqual } from "node:crypto";

export const INSTRUCTOR_COOKIE = "pg_instructor";
/** A working day and then some: a lecture never has to type the key twice. */
export const INSTRUCTOR_COOKIE_MAX_AGE_S = 12 * 60 * 60;

export const INSTRUCTOR_KEY_REFUSED =
  "The race lab on this server is for instructors. Enter the instructor key in the start form (ask whoever runs the playground), then try again.";
export const INSTRUCTOR_KEY_WRONG = "That instructor key is not right. Check it and try again.";

const configuredKey = (): string | undefined => process.env.PLAYGROUND_INSTRUCTOR_KEY || undefined;

export const labLocked = (): boolean => configuredKey() !== undefined;

// The cookie holds a digest, not the key: a leaked cookie stops working when the key changes.
const digest = (s: string) => createHash("sha256").update(`pg-instructor:${s}`).digest();

function sameDigest(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** The cookie value that proves this browser entered the key. */
export function instructorCookieValue(): string | null {
  const key = configuredKey();
  return key ? digest(key).toString("base64url") : null;
}

export type InstructorAccess =
  | { ok: true; /** Set when the key was just entered: remember it in the cookie. */ remember: boolean }
  | { ok: false; status: 403; message: string };

/**
 * Whether this request may start or control runs: the lab is open, or the request carries the
 * key (form field or x-instructor-key header), or the cookie from an earlier correct entry.
 */
export function instructorAccess(given: { key?: string | null; cookie?: string | null }): InstructorAccess {
  const key = configuredKey();
  if (!key) return { ok: true, remember: false };
  if (given.key) return sameDigest(given.key, key) ? { ok: true, remember: true } : { ok: false, status: 403, message: INSTRUCTOR_KEY_WRONG };
  const cookie = given.cookie;
  const want = instructorCookieValue();
  if (cookie && want && cookie.length === want.length && timingSafeEqual(Buffer.from(cookie), Buffer.from(want))) return { ok: true, remember: false };
  return { ok: false, status: 403, message: INSTRUCTOR_KEY_REFUSED };
}

/** Set-Cookie for a browser that just entered the right key. */
export function instructorSetCookie(secure: boolean): string | null {
  const value = instructorCookieValue();
  if (!value) return null;
  return `${INSTRUCTOR_COOKIE}=${value}; Path=/; Max-Age=${INSTRUCTOR_COOKIE_MAX_AGE_S}; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`;
}
