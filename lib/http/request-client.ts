/** The client behind a request (a route handler's, or a server action's), and how it reached us. */
import { cookies, headers } from "next/headers";
import type { NextRequest } from "next/server";
import { CLIENT_COOKIE, clientIdentity, requestAddress, type ClientIdentity } from "./client-id";

export function requestClient(request: NextRequest): ClientIdentity {
  return clientIdentity(request.cookies.get(CLIENT_COOKIE)?.value, requestAddress(request.headers));
}

/** Over https (directly or behind a proxy that says so): cookies get `Secure`. */
export function viaHttps(request: NextRequest): boolean {
  return request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

/** The client calling a server action, as the key of its per-client share (lib/admission). */
export async function actionClient(): Promise<string> {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  return clientIdentity(jar.get(CLIENT_COOKIE)?.value, requestAddress(head)).key;
}
