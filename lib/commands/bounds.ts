/**
 * The bounds every command must fit before it is sent, in one place. Lessons stay far inside
 * them (their programs send a handful of short arguments, watch one or two keys, and store
 * values of a few bytes); they exist so one run cannot stall or fill the Redis everyone shares.
 */
export const BOUNDS = {
  /** Final arguments of one command. */
  argsPerCommand: 1_000,
  /** Keys one connection watches at once: WATCH costs Redis 7.0 time growing with their square. */
  watchedPerConnection: 256,
  /** Keys all of a run's connections watch at once. */
  watchedPerRun: 512,
  /** Bytes of one argument, and the size a value may grow to by SETRANGE or APPEND. */
  valueBytes: 64 * 1024,
  /** The count argument of SRANDMEMBER, SPOP, LPOP, RPOP, ZPOPMIN, ZPOPMAX (either sign). */
  count: 1_000,
  /** Bytes of one reply handed to the program. */
  replyBytes: 256 * 1024,
  /** What Redis spends on a key besides its name and value (dict entry, object header, prefix). */
  keyOverheadBytes: 64,
  /** What Redis spends on one entry of a hash, list, set or sorted set besides its bytes. */
  entryOverheadBytes: 16,
} as const;

// What a refusal says, and the words the learner reads for it, live in the error catalogue.
export type { BoundName, Refusal } from "../errors/limits";
