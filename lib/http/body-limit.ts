/**
 * How large a request may be, and what the learner is told when theirs is larger. One home for
 * the number: next.config.ts gives it to Next.js for server actions, the race lab's JSON routes
 * read their bodies against it (read-json-body.ts), and the editor's hooks check before sending.
 * Safe to import in the browser.
 */

/** Bytes of one request body (server action or JSON route). Source itself is capped lower. */
export const REQUEST_BODY_LIMIT_BYTES = 256 * 1024;

/** The form next.config.ts's `serverActions.bodySizeLimit` takes. */
export const REQUEST_BODY_LIMIT_SETTING = `${REQUEST_BODY_LIMIT_BYTES / 1024}kb` as const;

export const utf8Bytes = (s: string): number => new TextEncoder().encode(s).length;

/** What the learner sees when their program is over `limitBytes` (as sent, or as stored). */
export function programTooLargeMessage(limitBytes: number): string {
  return `Your program is too large to send (over ${Math.floor(limitBytes / 1024)} KB). Shorten it - remove pasted data or long comments - and try again.`;
}

/**
 * A server action's arguments, as the browser will send them, compared with the body limit.
 * JSON escaping can make a program several times its own size (each control character becomes
 * six bytes), so a program under the source cap can still be over the request cap.
 */
export function requestTooLarge(args: unknown, margin = 1): boolean {
  return utf8Bytes(JSON.stringify(args)) > REQUEST_BODY_LIMIT_BYTES * margin;
}

/**
 * Next.js answers a server action over the limit with a bare 500 that the caller cannot tell
 * from a crash; a failed call whose request was this close to the limit was refused for its size.
 */
export const NEAR_LIMIT = 0.9;
