import { describe, expect, it } from "vitest";
import { findLostUpdate } from "./lost-update";
import { watchState } from "./watch-state";
import type { CommandEvent, Trace, TraceEvent } from "./types";

type Cmd = Partial<CommandEvent> & Pick<CommandEvent, "client" | "name">;
function trace(events: Cmd[]): Trace {
  return {
    version: 1,
    clients: ["C", "D"].map((id) => ({ id, label: "duplicate()", origin: "program" as const })),
    truncated: false,
    events: events.map((e, i): TraceEvent => ({ kind: "command", args: [], line: null, queued: false, reply: "OK", ...e, seq: i + 1, at: i })),
  };
}
const tx = (client: string, value: number, outcome: CommandEvent["outcome"] = "committed"): Cmd[] => [
  { client, name: "MULTI" },
  { client, name: "SET", args: ["likes:99", value], queued: true, reply: "QUEUED" },
  { client, name: "EXEC", outcome, reply: outcome === "committed" ? [[null, "OK"]] : null },
];

// Both read 150 without WATCH; C writes 151, then D writes 152 over it (seqs: reads 1, 2; C's EXEC 5, D's EXEC 8).
const lost = trace([
  { client: "C", name: "GET", args: ["likes:99"], reply: "150" },
  { client: "D", name: "GET", args: ["likes:99"], reply: "150" },
  ...tx("C", 151),
  ...tx("D", 152),
]);

describe("findLostUpdate", () => {
  it("names the two reads that saw the same value and the write that overwrote the other", () => {
    const l = findLostUpdate(lost, { key: "likes:99", initial: 150, final: "152" });
    expect(l).toMatchObject({
      expected: 153,
      actual: 152,
      reads: [{ client: "C", seq: 1, value: "150" }, { client: "D", seq: 2, value: "150" }],
      lostWrite: { client: "C", seq: 5, delta: 1 },
      overwrite: { client: "D", seq: 8, value: "152" },
    });
    expect(l?.sentence).toBe(
      "Lost update: C and D both read likes:99 = 150 (#1 and #2). C's write at #5 committed first, then D's write at #8 set likes:99 to 152, computed from the old value - so C's +1 is lost. likes:99 ends at 152 instead of 153.",
    );
    // Without initial and final it takes the first read and the value the writes leave.
    expect(findLostUpdate(lost, { key: "likes:99" })?.expected).toBe(153);
  });

  it("finds none when the second transaction was aborted and its retry read the new value", () => {
    const ok = trace([
      { client: "C", name: "WATCH", args: ["likes:99"] },
      { client: "C", name: "GET", args: ["likes:99"], reply: "150" },
      { client: "D", name: "WATCH", args: ["likes:99"] },
      { client: "D", name: "GET", args: ["likes:99"], reply: "150" },
      ...tx("C", 151),
      ...tx("D", 152, "aborted"),
      { client: "D", name: "WATCH", args: ["likes:99"] },
      { client: "D", name: "GET", args: ["likes:99"], reply: "151" },
      ...tx("D", 153),
    ]);
    expect(findLostUpdate(ok, { key: "likes:99", initial: 150, final: "153" })).toBeNull();
    // A staged INCRBY counts as an update too: here it was overwritten.
    const staged = trace([{ client: "C", name: "GET", args: ["likes:99"], reply: "150" }, { client: "D", name: "INCRBY", args: ["likes:99", 7], reply: 157 }, ...tx("C", 151)]);
    const s = findLostUpdate(staged, { key: "likes:99", initial: 150, final: "151" });
    expect(s).toMatchObject({ reads: [{ client: "C", seq: 1 }], lostWrite: { client: "D", delta: 7 }, overwrite: { client: "C" } });
    expect(s?.sentence).toContain("Lost update: C read likes:99 = 150 (#1) before D's write. D's write at #2 committed first");
  });

  it("can't tell (null) when another kind of write touched the key", () => {
    const del = trace([{ client: "C", name: "GET", args: ["likes:99"], reply: "150" }, { client: "D", name: "DEL", args: ["likes:99"], reply: 1 }, ...tx("C", 151)]);
    expect(findLostUpdate(del, { key: "likes:99", initial: 150, final: "151" })).toBeNull();
  });
});

describe("watchState", () => {
  it("marks a watched key dirty by the committed write of another client, and clears a client's watch at its EXEC", () => {
    const t = trace([
      { client: "C", name: "WATCH", args: ["likes:99"] },
      { client: "D", name: "WATCH", args: ["likes:99"] },
      ...tx("C", 151),
    ]);
    expect(watchState(t)).toEqual([{ client: "D", key: "likes:99", watchSeq: 2, dirtiedBy: { client: "C", seq: 5 } }]);
    expect(watchState(t, 4)).toEqual([
      { client: "C", key: "likes:99", watchSeq: 1, dirtiedBy: null },
      { client: "D", key: "likes:99", watchSeq: 2, dirtiedBy: null },
    ]);
  });
});
