/**
 * Compression of stored runs and of what the browser uploads, with the decompressed size bounded
 * (a small gzip can expand to gigabytes; zlib stops at maxOutputLength instead).
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { MAX_SHARED_RUN_JSON_BYTES } from "./budget";

export class TooLargeError extends Error {}

export function compress(text: string): Buffer {
  return gzipSync(Buffer.from(text, "utf8"), { level: 6 });
}

/** The text inside a gzip, or TooLargeError past MAX_SHARED_RUN_JSON_BYTES; throws on bad data. */
export function decompress(data: Uint8Array): string {
  try {
    return gunzipSync(data, { maxOutputLength: MAX_SHARED_RUN_JSON_BYTES }).toString("utf8");
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new TooLargeError();
    throw e;
  }
}
