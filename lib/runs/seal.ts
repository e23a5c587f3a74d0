/**
 * Proof that a shared run is one the server produced: right after a run the server signs its
 * shared form (HMAC-SHA256 of sharedRunText), the browser keeps the token with the result, and
 * "Share this run" sends both back. Nothing is stored until then, and nobody can publish a
 * made-up trace under the playground's name. The key is derived from the instance secret
 * (PLAYGROUND_SECRET on every instance of a deployment, as for the pg_client cookie).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { secret } from "@/lib/http/client-id";
import { sharedRunText, type SharedRun } from "./shared-run";

export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const key = () => createHmac("sha256", secret()).update("shared-run/v1").digest();

export function signText(text: string): string {
  return createHmac("sha256", key()).update(text, "utf8").digest("base64url");
}

/** The token for a run's shared form, or null when there is nothing to share (no trace). */
export function signSharedRun(run: SharedRun | null): string | null {
  return run ? signText(sharedRunText(run)) : null;
}

export function verifyText(text: string, token: string): boolean {
  if (!SHARE_TOKEN_PATTERN.test(token)) return false;
  const want = Buffer.from(signText(text));
  const got = Buffer.from(token);
  return want.length === got.length && timingSafeEqual(want, got);
}
