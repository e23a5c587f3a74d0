/**
 * What "Share this run" sends: the token the server gave with the result, and the run's shared
 * text, gzip-compressed by the browser when it can (base64), else as it is. The browser imports
 * only the type; the messages both sides show are in share-messages.ts.
 */
import { z } from "zod";
import { REQUEST_BODY_LIMIT_BYTES } from "@/lib/http/body-limit";

export const shareRequestSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  encoding: z.enum(["gzip-base64", "text"]),
  data: z.string().max(REQUEST_BODY_LIMIT_BYTES),
});

export type ShareRequest = z.infer<typeof shareRequestSchema>;
