/**
 * The shared-run store's keys. Their `{pg:shared}` hash tag keeps all of them in one cluster
 * slot (the store script touches several at once) and far from the run namespaces: the janitor
 * and the orphan sweeper only ever match `{r:<id>}:*` and the `{pg}:runs` registry, and no run's
 * ACL user can reach a key outside its own `{r:<id>}:` pattern.
 */
const TAG = "{pg:shared}";

export const SHARED_KEYS = {
  /** Record key prefix: `{pg:shared}:run:<id>` holds one compressed run, with a PX expiry. */
  runPrefix: `${TAG}:run:`,
  /** Sorted set: id by the ms it was stored (oldest first for eviction and expiry). */
  order: `${TAG}:order`,
  /** Hash: id -> "<accounted bytes> <client>". */
  meta: `${TAG}:meta`,
  /** Hashes: client -> runs / accounted bytes it has stored now. */
  clientRuns: `${TAG}:client-runs`,
  clientBytes: `${TAG}:client-bytes`,
  /** String: accounted bytes of the whole store. */
  bytes: `${TAG}:bytes`,
  /** Counter prefix: `{pg:shared}:pace:<client>` counts that client's shares in the window (share-pace.ts). */
  pacePrefix: `${TAG}:pace:`,
} as const;

export const sharedRunKey = (id: string) => `${SHARED_KEYS.runPrefix}${id}`;

export const sharePaceKey = (client: string) => `${SHARED_KEYS.pacePrefix}${client}`;
