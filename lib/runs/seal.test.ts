import { describe, expect, it } from "vitest";
import { fixtures } from "../trace/fixtures";
import { signSharedRun, verifyText } from "./seal";
import { sharedCheckOf, sharedRunOf, sharedRunText } from "./shared-run";

const result = { status: "ok" as const, output: ["updated"], error: undefined, finalState: { "balance:1": "150" }, trace: fixtures.oneConflict, timings: { totalMs: 3 } };

describe("sealing a shared run", () => {
  it("is the same text on both sides: the browser's copy of the result (a structured clone) signs alike", () => {
    const server = sharedRunOf("observe-balance", "code", "staged-conflict", result)!;
    const token = signSharedRun(server)!;
    // What the browser holds went through serialization; key order and values survive it.
    const inBrowser = sharedRunOf("observe-balance", "code", "staged-conflict", structuredClone(result))!;
    expect(sharedRunText(inBrowser)).toBe(sharedRunText(server));
    expect(verifyText(sharedRunText(inBrowser), token)).toBe(true);
  });

  it("rejects anything the server did not produce", () => {
    const r = sharedRunOf("observe-balance", "code", undefined, result)!;
    const token = signSharedRun(r)!;
    expect(verifyText(sharedRunText({ ...r, source: "forged" }), token)).toBe(false);
    expect(verifyText(sharedRunText(r), token.replace(/^./, (c) => (c === "A" ? "B" : "A")))).toBe(false);
    expect(verifyText(sharedRunText(r), "short")).toBe(false);
  });

  it("has nothing to sign for a run or test without a trace", () => {
    expect(signSharedRun(sharedRunOf("x", "code", undefined, { ...result, trace: null }))).toBeNull();
    expect(sharedCheckOf("x", "code", { name: "t", status: "pass", message: "", scenario: "" })).toBeNull();
  });
});
