"use server";
import { actionClient } from "@/lib/http/request-client";
import { serviceRedis } from "@/lib/redis/service-client";
import { decompress, TooLargeError } from "@/lib/runs/codec";
import { verifyText } from "@/lib/runs/seal";
import { takeShareTurn } from "@/lib/runs/share-pace";
import { SHARE_MESSAGES, shareTooOften } from "@/lib/runs/share-messages";
import { shareRequestSchema } from "@/lib/runs/share-request";
import type { ShareOutcome } from "@/lib/runs/share-types";
import { storeSharedRun } from "@/lib/runs/store";

const refuse = (message: string): ShareOutcome => ({ ok: false, message });

/**
 * Stores a run the server signed when it ran (lib/runs/seal.ts) and answers its id. Only the
 * signed text is kept: a request whose text is not exactly what was signed stores nothing.
 * Each client may ask a few times a minute (lib/runs/share-pace.ts).
 */
export async function shareRun(input: unknown): Promise<ShareOutcome> {
  const client = await actionClient();
  // Counted before any work (decompressing, verifying), so a flood of requests costs little.
  try {
    const turn = await takeShareTurn(serviceRedis(), client);
    if (!turn.ok) return refuse(shareTooOften(turn.retryAfterMs, turn.bound));
  } catch (err) {
    console.error("shareRun: could not count the share", err);
    return refuse(SHARE_MESSAGES.internal);
  }
  const parsed = shareRequestSchema.safeParse(input);
  if (!parsed.success) return refuse(SHARE_MESSAGES.bad_request);
  const { token, encoding, data } = parsed.data;
  let text: string;
  try {
    text = encoding === "text" ? data : decompress(Buffer.from(data, "base64"));
  } catch (e) {
    return refuse(e instanceof TooLargeError ? SHARE_MESSAGES.too_large : SHARE_MESSAGES.bad_request);
  }
  if (!verifyText(text, token)) return refuse(SHARE_MESSAGES.not_ours);
  try {
    const stored = await storeSharedRun(serviceRedis(), text, client);
    return stored.ok ? { ok: true, id: stored.id } : refuse(SHARE_MESSAGES[stored.reason]);
  } catch (err) {
    // Redis down or a bug of ours: logged, never shown.
    console.error("shareRun: could not store", err);
    return refuse(SHARE_MESSAGES.internal);
  }
}
