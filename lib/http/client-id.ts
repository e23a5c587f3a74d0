/**
 * Who is asking: a per-browser identity for fair sharing (runs in flight and per minute, race
 * runs, SSE viewers). A signed cookie names the browser; a request without a valid one falls
 * back to its address, so clearing cookies does not escape the per-client bounds for long.
 *
 * The signature only proves that we issued the id (nobody can pick someone else's id to use up
 * their budget). Set PLAYGROUND_SECRET on every instance of a deployment so they accept each
 * other's cookies; without it each process signs with a random key of its own.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const CLIENT_COOKIE = "pg_client";
/** A year: the id carries no data, only a name for this browser's share. */
export const CLIENT_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

const g = globalThis as unknown as { __pgClientSecret?: Buffer };

/** This deployment's signing secret; other signers (lib/runs/seal.ts) derive their own key from it. */
export function secret(): Buffer {
  const fromEnv = process.env.PLAYGROUND_SECRET;
  if (fromEnv) return Buffer.from(fromEnv, "utf8");
  g.__pgClientSecret ??= randomBytes(32);
  return g.__pgClientSecret;
}

function sign(id: string): string {
  return createHmac("sha256", secret()).update(id).digest("base64url").slice(0, 22);
}

/** A new cookie value: `<id>.<signature>`. */
export function issueClientToken(): string {
  const id = randomBytes(12).toString("base64url");
  return `${id}.${sign(id)}`;
}

/** The id inside a cookie value we issued, or null for anything else. */
export function verifyClientToken(token: string | undefined | null): string | null {
  if (!token || token.length > 64) return null;
  const dot = token.indexOf(".");
  if (dot <= 0) return null;
  const id = token.slice(0, dot);
  const sig = Buffer.from(token.slice(dot + 1));
  const want = Buffer.from(sign(id));
  return sig.length === want.length && timingSafeEqual(sig, want) ? id : null;
}

export interface ClientIdentity {
  /** Stable key for per-client bounds: `c:<id>` from the cookie, `a:<address>` otherwise. */
  key: string;
  source: "cookie" | "address";
}

/**
 * The client behind a request. `address` is the peer address or the first X-Forwarded-For hop
 * (only trustworthy behind a proxy that sets it; without one every request shares "unknown").
 */
export function clientIdentity(cookieValue: string | undefined | null, address: string | undefined | null): ClientIdentity {
  const id = verifyClientToken(cookieValue);
  if (id) return { key: `c:${id}`, source: "cookie" };
  return { key: `a:${(address ?? "").trim().slice(0, 64) || "unknown"}`, source: "address" };
}

/** The address of a request as Next.js route handlers and server actions see it (headers only). */
export function requestAddress(headers: Headers): string | undefined {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || undefined;
}
