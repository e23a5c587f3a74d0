/** What "Share this run" tells the learner when it cannot share: the action and the button both show these. */
export const SHARE_MESSAGES = {
  too_large: "This run is too large to share. Shorter runs (fewer commands or less output) can be shared.",
  client_full: "This browser has shared as many runs as it may keep at once. Links you shared earlier keep working; you can share again when the oldest expires (after 24 hours).",
  redis_full: "The playground's Redis is full right now, so the run could not be stored. Please try again in a few minutes.",
  not_ours: "This run can no longer be shared. Run your code again, then share the new run.",
  bad_request: "This share request was not understood. Reload the page and try again.",
  internal: "Something went wrong on our side while sharing this run. Please try again in a moment.",
  unreachable: "The playground server could not be reached. Check that it is still running, then try again.",
} as const;

/** The learner's own pace: shared too many runs in a short time (share-pace.ts). */
export function shareTooOften(retryAfterMs: number, bound: number): string {
  const s = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `You're sharing runs very quickly - wait ${s} s and try again (at most ${bound} shares a minute). Links you already shared keep working.`;
}
