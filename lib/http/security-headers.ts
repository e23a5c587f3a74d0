/**
 * The security headers every response carries, built per request because the CSP names that
 * request's nonce. One home for the policy: the proxy sets it, e2e/csp.spec.ts holds the app to it.
 */

/** Paths whose page may be framed: the read-only audience view, for slides and course sites. */
export const FRAMEABLE_PATH = /^\/race\/[^/]+\/watch\/?$/;

export interface CspOptions {
  nonce: string;
  /** `next dev` needs eval for React's debugging aids; production builds never do. */
  dev: boolean;
  /** The audience view may be embedded anywhere; everything else may not be framed at all. */
  frameable: boolean;
}

export function contentSecurityPolicy({ nonce, dev, frameable }: CspOptions): string {
  return [
    "default-src 'self'",
    // Next.js puts the nonce on its own inline and bundle scripts; 'strict-dynamic' lets them
    // (and Monaco's AMD loader, which adds its modules as script elements) load the rest.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Each allowance below was needed in e2e/csp.spec.ts (removing it broke the editor):
    // Monaco injects <style> elements and sets style attributes; neither can carry a nonce.
    "style-src 'self' 'unsafe-inline'",
    // Monaco draws its error squiggles with data: SVGs and ships its icon font as a data: URL.
    "img-src 'self' data:",
    "font-src 'self' data:",
    // Monaco starts its TypeScript worker from a blob: URL (which then loads /monaco/vs).
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameable ? "*" : "'none'"}`,
  ].join("; ");
}

/** Headers that do not depend on the request. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};
