/**
 * What the shared-run store may hold. Runs are stored only when a learner presses "Share this
 * run", never on every Run: a course of thousands makes hundreds of thousands of runs a day, and
 * at a few KB to a few hundred KB each, keeping all of them for 24 h would need gigabytes of the
 * Redis that the runs themselves need (maxmemory is 256 MB when the scripts start it). Sharing is
 * rare and deliberate, and a learner's code is then kept only when they chose to publish it.
 * Until then the run costs one HMAC over its result (see seal.ts), nothing in Redis.
 */

/** How long a shared link works. */
export const SHARED_RUN_TTL_MS = 24 * 60 * 60 * 1000;

/** The shared run as JSON, before compression: a result stays under 1 MiB, the program under 64 KB. */
export const MAX_SHARED_RUN_JSON_BYTES = 1280 * 1024;

/** One stored run, compressed (traces compress about tenfold). */
export const MAX_STORED_RUN_BYTES = 256 * 1024;

/** Per browser (the signed pg_client cookie, else the address), at once. */
export const CLIENT_MAX_SHARED_RUNS = 20;
export const CLIENT_MAX_SHARED_BYTES = 2 * 1024 * 1024;

/**
 * The whole store, counted as Redis memory (accountedBytes).
 * 32 MiB is an eighth of the 256 MB maxmemory, next to the runs' own worst case (a run may make
 * Redis hold 1 MiB; see budget.test.ts). When a new share does not fit, the oldest shares go.
 */
export const SHARED_RUNS_BUDGET_BYTES = 32 * 1024 * 1024;

/**
 * What Redis spends on one stored run besides its bytes: the key and its object, the expiry, the
 * sorted-set and hash entries that index it; plus the allocator's rounding of the value up to
 * its size class (jemalloc's classes are at most 25% apart). Checked against INFO used_memory
 * in store.test.ts.
 */
export const RECORD_OVERHEAD_BYTES = 512;
const ALLOCATION_SLACK = 0.25;

/** Bytes a stored run counts for, against its client's share and the whole budget. */
export const accountedBytes = (compressedBytes: number): number =>
  compressedBytes + Math.ceil(compressedBytes * ALLOCATION_SLACK) + RECORD_OVERHEAD_BYTES;

/** Expired entries dropped from the index per share at most (the blobs expire on their own). */
export const PURGE_BATCH = 500;
