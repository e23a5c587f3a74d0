"use client";
import { shareRun } from "@/app/runs/actions";
import { requestTooLarge } from "@/lib/http/body-limit";
import { SHARE_MESSAGES } from "@/lib/runs/share-messages";
import type { ShareRequest } from "@/lib/runs/share-request";
import type { ShareOutcome } from "@/lib/runs/share-types";
import { sharedRunText, type SharedRun } from "@/lib/runs/shared-run";

async function gzipBase64(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = "";
  // Chunked: String.fromCharCode(...bytes) overflows the call stack for large runs.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Sends a run and the token the server signed it with; the server stores it and answers its id.
 * Compressed in the browser (traces shrink about tenfold), so a large run still fits a request.
 */
export async function shareSignedRun(run: SharedRun, token: string): Promise<ShareOutcome> {
  const text = sharedRunText(run);
  const request: ShareRequest =
    typeof CompressionStream === "function" ? { token, encoding: "gzip-base64", data: await gzipBase64(text) } : { token, encoding: "text", data: text };
  if (requestTooLarge(request)) return { ok: false, message: SHARE_MESSAGES.too_large };
  try {
    return await shareRun(request);
  } catch {
    return { ok: false, message: SHARE_MESSAGES.unreachable };
  }
}
