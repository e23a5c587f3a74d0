/**
 * Who is calling a lesson action, as the key of their per-client share (lib/admission): the
 * signed `pg_client` cookie when there is one, the request's address otherwise.
 */
import { cookies, headers } from "next/headers";
import { CLIENT_COOKIE, clientIdentity, requestAddress } from "@/lib/http/client-id";

export async function requestClient(): Promise<string> {
  const [jar, head] = await Promise.all([cookies(), headers()]);
  return clientIdentity(jar.get(CLIENT_COOKIE)?.value, requestAddress(head)).key;
}
