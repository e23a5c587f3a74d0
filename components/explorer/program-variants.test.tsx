import { describe, expect, it } from "vitest";
import { loadUnit } from "@/lib/lessons/loader";
import { explorerProgram, twoConcurrentCalls } from "./program-variants";

describe("the explorer's program", () => {
  it("makes the unit's single call two concurrent calls", () => {
    const src = 'const r = 1;\nawait updateLikes(99, 15);\nconsole.log("x");\n';
    expect(twoConcurrentCalls(src)).toContain("await Promise.all([updateLikes(99, 15), updateLikes(99, 15)]);");
    expect(twoConcurrentCalls(src)).not.toMatch(/^await updateLikes\(99, 15\);$/m);
    expect(twoConcurrentCalls("await redis.quit();\n")).toBeNull();
  });

  it("units 5 and 6: their solutions become two concurrent calls of the learner's function", () => {
    expect(explorerProgram(loadUnit("update-likes")!)).toContain("Promise.all([updateLikes(99, 15), updateLikes(99, 15)])");
    expect(explorerProgram(loadUnit("update-points")!)).toContain("Promise.all([updatePoints(2, 30), updatePoints(2, 30)])");
  });
});
