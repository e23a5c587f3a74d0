/**
 * Runs once when a Next.js server starts: warms the sandbox pool in the background, so the first
 * Run after `npm start` is as fast as the rest (/api/health reports "starting" until then).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { warmUp } = await import("./lib/runner/host/warm-up");
  void warmUp();
}
