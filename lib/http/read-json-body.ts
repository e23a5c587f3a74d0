/** JSON bodies of route handlers, read against the request body limit. */
import { REQUEST_BODY_LIMIT_BYTES } from "./body-limit";

export class BodyTooLargeError extends Error {}

/**
 * Reads a JSON route's body, refusing it once it passes the limit (without buffering the rest).
 * Returns null for a body that is not JSON.
 */
export async function readJsonBody(request: Request, limitBytes = REQUEST_BODY_LIMIT_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length"));
  if (declared > limitBytes) throw new BodyTooLargeError();
  if (!request.body) return null;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  const text = new TextDecoder().decode(all);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The race lab's answer to a body over the limit. */
export function bodyTooLargeResponse(limitBytes = REQUEST_BODY_LIMIT_BYTES): Response {
  return Response.json(
    { error: `This request is too large (over ${Math.floor(limitBytes / 1024)} KB). Shorten the code and try again.` },
    { status: 413, headers: { "cache-control": "no-store" } },
  );
}

/** A route's JSON body, or the 413 to answer with when it is over the limit. */
export async function jsonBodyOr413(request: Request, limitBytes = REQUEST_BODY_LIMIT_BYTES): Promise<{ body: unknown } | { refused: Response }> {
  try {
    return { body: await readJsonBody(request, limitBytes) };
  } catch (e) {
    if (e instanceof BodyTooLargeError) return { refused: bodyTooLargeResponse(limitBytes) };
    throw e;
  }
}
