/** The client behind a route handler's request, and facts about how it reached us. */
import type { NextRequest } from "next/server";
import { CLIENT_COOKIE, clientIdentity, requestAddress, type ClientIdentity } from "./client-id";

export function requestClient(request: NextRequest): ClientIdentity {
  return clientIdentity(request.cookies.get(CLIENT_COOKIE)?.value, requestAddress(request.headers));
}

/** Over https (directly or behind a proxy that says so): cookies get `Secure`. */
export function viaHttps(request: NextRequest): boolean {
  return request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}
