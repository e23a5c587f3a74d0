/**
 * Whether this thread still tries to snapshot its sandboxes. A WASM build whose memory doesn't
 * look the way wasm-snapshot expects fails every capture; after a few failures in a row the
 * thread stops trying and builds a runtime for every run instead (slower, equally fresh).
 */
const FAILURES_BEFORE_GIVING_UP = 3;

let unavailable = false;
let failuresInARow = 0;

export function snapshotsAllowed(): boolean {
  return !unavailable;
}

/** Reports one capture attempt. */
export function captureAttempted(ok: boolean): void {
  if (ok) {
    failuresInARow = 0;
    return;
  }
  if (++failuresInARow >= FAILURES_BEFORE_GIVING_UP && !unavailable) {
    unavailable = true;
    console.warn("playground: QuickJS memory snapshots are unavailable with this WASM build; building a runtime for every run instead.");
  }
}
