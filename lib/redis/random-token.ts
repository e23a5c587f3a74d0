import { randomFillSync } from "node:crypto";

/**
 * Random tokens (run ids, run users' passwords) cut from a block of cryptographically random
 * bytes: a run needs two, and asking the OS for each separately cost more than the tokens are
 * worth. The block is refilled when used up; no byte is handed out twice.
 */
const BLOCK = 4096;
const pool = Buffer.alloc(BLOCK);
let used = BLOCK;

export function randomToken(bytes: number, encoding: "hex" | "base64url"): string {
  if (bytes > BLOCK) throw new RangeError(`randomToken: at most ${BLOCK} bytes`);
  if (used + bytes > BLOCK) {
    randomFillSync(pool);
    used = 0;
  }
  const token = pool.toString(encoding, used, used + bytes);
  // Handed-out bytes are wiped, so a token can't be read back from the block later.
  pool.fill(0, used, used + bytes);
  used += bytes;
  return token;
}
