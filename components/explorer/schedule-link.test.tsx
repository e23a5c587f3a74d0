import { describe, expect, it } from "vitest";
import { linkSearch, parseLink, parseOtherCommands } from "./schedule-link";

describe("the explorer's link", () => {
  it("round-trips unit, schedule, edited code, the other client and predict mode", () => {
    const link = { unit: "update-likes", schedule: "BCBCBC", code: 'console.log("héllo ✓");\n', other: "INCRBY likes:99 10", calls: true, predict: true };
    const search = linkSearch(link);
    expect(search).toMatch(/^\?unit=update-likes&schedule=BCBCBC&/);
    expect(parseLink(new URLSearchParams(search), "x")).toEqual(link);
  });

  it("ignores a malformed schedule or code, and falls back to the given unit", () => {
    expect(parseLink(new URLSearchParams("schedule=B1C&code=%%%"), "update-likes")).toEqual({ unit: "update-likes", schedule: "" });
    expect(parseLink(new URLSearchParams("schedule=bc"), "u").schedule).toBe("BC");
  });

  it("leaves out code too long for an address bar", () => {
    expect(linkSearch({ unit: "u", schedule: "", code: "x".repeat(7000) })).toBe("?unit=u");
  });

  it("reads the other client's commands", () => {
    expect(parseOtherCommands(" incrby likes:99 10 ; GET likes:99;")).toEqual([
      { name: "INCRBY", args: ["likes:99", "10"] },
      { name: "GET", args: ["likes:99"] },
    ]);
  });
});
