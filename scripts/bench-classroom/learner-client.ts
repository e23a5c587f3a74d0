// One virtual learner's browser as the server sees it: its own cookies (taken from a first GET
// of the lesson page) and server-action calls over HTTP, exactly as the workbench makes them.
import { actionResult } from "./flight";

export interface ActionIds {
  runUnit: string;
  checkSubmission: string;
}

export type ActionOutcome = { ok: true; value: unknown; ms: number } | { ok: false; kind: string; ms: number };

export class LearnerClient {
  private cookies = new Map<string, string>();

  constructor(
    private readonly base: string,
    private readonly ids: ActionIds,
    /** Sent as X-Forwarded-For when set: a distinct address per learner (--xff). */
    private readonly address?: string,
  ) {}

  /** Cookie names the server gave this learner (e.g. pg_client). */
  cookieNames(): string[] {
    return [...this.cookies.keys()];
  }

  async open(slug: string): Promise<void> {
    const res = await fetch(`${this.base}/lessons/${slug}`, { headers: this.headers() });
    this.keepCookies(res);
    await res.arrayBuffer();
  }

  run(slug: string, source: string): Promise<ActionOutcome> {
    return this.action(slug, this.ids.runUnit, { slug, source });
  }

  check(slug: string, source: string): Promise<ActionOutcome> {
    return this.action(slug, this.ids.checkSubmission, { slug, source });
  }

  private async action(slug: string, id: string, input: unknown): Promise<ActionOutcome> {
    const t0 = performance.now();
    try {
      const res = await fetch(`${this.base}/lessons/${slug}`, {
        method: "POST",
        headers: { ...this.headers(), "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
        body: JSON.stringify([input]),
      });
      this.keepCookies(res);
      const text = await res.text();
      const ms = performance.now() - t0;
      if (!res.ok) return { ok: false, kind: `http_${res.status}`, ms };
      try {
        return { ok: true, value: actionResult(text), ms };
      } catch {
        return { ok: false, kind: "unreadable_reply", ms };
      }
    } catch {
      return { ok: false, kind: "fetch_failed", ms: performance.now() - t0 };
    }
  }

  private headers(): Record<string, string> {
    const h: Record<string, string> = {};
    if (this.cookies.size > 0) h.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (this.address) h["X-Forwarded-For"] = this.address;
    return h;
  }

  private keepCookies(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      if (eq > 0) this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }
}
