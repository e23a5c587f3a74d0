/**
 * Runs before every page, server action and route handler (Node.js runtime in Next 16):
 * - gives each browser its signed client id (the key of its per-client bounds). The request
 *   itself is not given the new id: one without a valid cookie is counted by its address, so a
 *   client that drops cookies cannot get a fresh budget per request;
 * - sets the Content-Security-Policy with a fresh nonce (Next.js reads it from the request's
 *   CSP header and applies it to its scripts) and the other security headers.
 */
import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { CLIENT_COOKIE, CLIENT_COOKIE_MAX_AGE_S, issueClientToken, verifyClientToken } from "@/lib/http/client-id";
import { viaHttps } from "@/lib/http/request-client";
import { contentSecurityPolicy, FRAMEABLE_PATH, STATIC_SECURITY_HEADERS } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  const nonce = randomBytes(16).toString("base64");
  const csp = contentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV === "development",
    frameable: FRAMEABLE_PATH.test(request.nextUrl.pathname),
  });
  const known = verifyClientToken(request.cookies.get(CLIENT_COOKIE)?.value) !== null;
  const token = known ? null : issueClientToken();

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  if (token) {
    response.cookies.set(CLIENT_COOKIE, token, { httpOnly: true, sameSite: "lax", path: "/", secure: viaHttps(request), maxAge: CLIENT_COOKIE_MAX_AGE_S });
  }
  return response;
}

export const config = {
  matcher: [
    {
      // Static files need no nonce or id; public/monaco gets its headers from next.config.ts.
      source: "/((?!_next/static|_next/image|monaco/|icon\\.svg|favicon\\.ico).*)",
      // A server action's answer is data, not a document (no nonce to apply), and its browser got
      // its id with the page: skipping the proxy there is the cheapest part of every Run.
      missing: [{ type: "header", key: "next-action" }],
    },
  ],
};
