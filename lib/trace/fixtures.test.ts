// Every fixture must follow lib/trace/types.ts exactly: the timeline, grader and race lab trust it.
import { describe, expect, it } from "vitest";
import { bigRaceTrace, fixtures } from "./fixtures";
import type { Trace } from "./types";

const COMMAND_KEYS = new Set(["seq", "at", "kind", "client", "name", "args", "reply", "error", "line", "queued", "durationMs", "outcome", "conflict", "conflictKey"]);
const OTHER_KEYS: Record<string, string[]> = {
  console: ["seq", "at", "kind", "level", "text", "line"],
  interference: ["seq", "at", "kind", "text"],
  pause: ["seq", "at", "kind", "client", "name", "args", "line"],
  end: ["seq", "at", "kind", "status", "message"],
};

function checkContract(t: Trace): string[] {
  const problems: string[] = [];
  const ids = t.clients.map((c) => c.id);
  if (t.version !== 1) problems.push("version");
  t.clients.forEach((c, i) => {
    if (c.id !== String.fromCharCode(65 + i)) problems.push(`client ${i} id ${c.id}`);
    if (c.origin !== "program" && c.origin !== "plan") problems.push(`client ${c.id} origin`);
  });
  let lastAt = 0;
  t.events.forEach((e, i) => {
    const where = `event ${e.seq}`;
    if (e.seq !== i + 1) problems.push(`${where}: seq`);
    if (e.at < lastAt) problems.push(`${where}: time went back`);
    lastAt = e.at;
    if (e.kind === "command") {
      for (const k of Object.keys(e)) if (!COMMAND_KEYS.has(k)) problems.push(`${where}: extra ${k}`);
      if (!ids.includes(e.client)) problems.push(`${where}: unknown client`);
      if (e.name !== e.name.toUpperCase()) problems.push(`${where}: name case`);
      if (e.queued && e.error === undefined && e.reply !== "QUEUED") problems.push(`${where}: queued reply`);
      if (e.outcome && e.name !== "EXEC") problems.push(`${where}: outcome off EXEC`);
      if (e.conflict !== undefined && (e.outcome !== "aborted" || e.conflict >= e.seq)) problems.push(`${where}: conflict`);
      const origin = t.clients.find((c) => c.id === e.client)?.origin;
      if (origin === "plan" && e.line !== null) problems.push(`${where}: plan command with a line`);
    } else {
      const allowed = OTHER_KEYS[e.kind] ?? [];
      for (const k of Object.keys(e)) if (!allowed.includes(k)) problems.push(`${where}: extra ${k}`);
    }
  });
  const last = t.events.at(-1);
  if (!t.truncated && last?.kind !== "end") problems.push("no end event");
  return problems;
}

describe("fixtures follow the trace contract", () => {
  for (const [name, t] of Object.entries({ ...fixtures, bigRace: bigRaceTrace(5000) })) {
    it(name, () => expect(checkContract(t)).toEqual([]));
  }
});
