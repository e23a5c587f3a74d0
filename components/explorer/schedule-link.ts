/**
 * The explorer's state is its address: `?unit=update-likes&schedule=BCBC` replays exactly for
 * anyone who opens it, on any instance. Edited code travels as `code` (base64url), an "other
 * client" as `other=INCRBY likes:99 10; GET likes:99`. Isomorphic and pure.
 */

export interface ExploreLink {
  unit: string;
  /** One lane letter per step taken, e.g. "BCBC". */
  schedule: string;
  /** The program, when it is not the unit's own explorer program. */
  code?: string;
  /** The other client's commands, "INCRBY likes:99 10; GET likes:99". */
  other?: string;
  /** The grader's concurrent calls after the program (a failing check's schedule). */
  calls?: boolean;
  predict?: boolean;
  /** Open the timeline at the event with this seq (a check's lost write); used once. */
  at?: number;
}

/** The query parameters the explorer owns. */
export const LINK_PARAMS = ["unit", "schedule", "code", "other", "calls", "predict", "at"] as const;

/** Edited code longer than this is not put in the link (address bars and proxies cut long URLs). */
export const LINK_CODE_MAX_CHARS = 6000;

const toBase64Url = (text: string): string => {
  let bin = "";
  for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

const fromBase64Url = (s: string): string | null => {
  try {
    const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
};

export function parseLink(params: URLSearchParams, fallbackUnit: string): ExploreLink {
  const schedule = (params.get("schedule") ?? "").toUpperCase();
  const code = params.get("code");
  const other = params.get("other")?.trim();
  const decoded = code ? fromBase64Url(code) : null;
  return {
    unit: params.get("unit") ?? fallbackUnit,
    schedule: /^[A-Z]{0,500}$/.test(schedule) ? schedule : "",
    ...(decoded ? { code: decoded } : {}),
    ...(other ? { other } : {}),
    ...(params.get("calls") === "1" ? { calls: true } : {}),
    ...(params.get("predict") === "1" ? { predict: true } : {}),
    ...(/^\d{1,7}$/.test(params.get("at") ?? "") ? { at: Number(params.get("at")) } : {}),
  };
}

/** The query string for a link; code too long to carry is left out (the caller says so). */
export function linkSearch(link: ExploreLink): string {
  const p = new URLSearchParams();
  p.set("unit", link.unit);
  if (link.schedule) p.set("schedule", link.schedule);
  if (link.other) p.set("other", link.other);
  if (link.code && link.code.length <= LINK_CODE_MAX_CHARS) p.set("code", toBase64Url(link.code));
  if (link.calls) p.set("calls", "1");
  if (link.predict) p.set("predict", "1");
  return `?${p.toString()}`;
}

/** "INCRBY likes:99 10; GET likes:99" -> commands (validated on the server). */
export function parseOtherCommands(text: string): { name: string; args: string[] }[] {
  return text
    .split(";")
    .map((c) => c.trim().split(/\s+/).filter(Boolean))
    .filter((words) => words.length > 0)
    .map(([name, ...args]) => ({ name: name!.toUpperCase(), args }));
}
