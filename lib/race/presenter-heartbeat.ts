/**
 * How often the presenter's page says it is still open (client and server share it). Well inside
 * the lease (lib/race/server/presenter-lease.ts), so one lost request does not end the run.
 */
export const PRESENTER_HEARTBEAT_MS = 20_000;
