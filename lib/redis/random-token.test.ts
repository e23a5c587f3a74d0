import { describe, expect, it } from "vitest";
import { randomToken } from "./random-token";

describe("randomToken", () => {
  it("hands out tokens of the asked size that never repeat, across refills of its block", () => {
    const seen = new Set<string>();
    // 3,000 tokens of 12 bytes use the 4 KB block up about nine times over.
    for (let i = 0; i < 3000; i++) {
      const t = randomToken(12, "hex");
      expect(t).toMatch(/^[0-9a-f]{24}$/);
      seen.add(t);
    }
    expect(seen.size).toBe(3000);
    expect(randomToken(9, "base64url")).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });

  it("refuses a token bigger than its block", () => {
    expect(() => randomToken(5000, "hex")).toThrow(RangeError);
  });
});
