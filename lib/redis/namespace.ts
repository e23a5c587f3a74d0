/**
 * Every run owns a namespace: its keys are `{r:<runId>}:<learner key>`. The hash tag puts all of
 * a run's keys in one cluster slot, so WATCH/MULTI keep working on Redis Cluster. Service keys of
 * the run (control list, event stream, stored result) share the tag but sit outside the
 * learner's pattern (`#` instead of `:`), so the run's ACL user cannot reach them.
 */
export const RUN_ID_PATTERN = /^[A-Za-z0-9_-]{6,40}$/;

export function keyPrefix(runId: string): string {
  return `{r:${runId}}:`;
}

export function aclKeyPattern(runId: string): string {
  return `~${keyPrefix(runId)}*`;
}

/** The registry of runs in flight (lib/redis/janitor.ts). Its `{pg}` hash tag can never be a run's (`{r:<id>}`), so no run can reach it. */
export const RUN_REGISTRY_KEY = "{pg}:runs";

export const serviceKeys = (runId: string) => ({
  control: `{r:${runId}}#ctl`,
  events: `{r:${runId}}#events`,
  result: `{r:${runId}}#result`,
});

/** How long a streamed run stays replayable. */
export const REPLAY_TTL_S = 24 * 60 * 60;
