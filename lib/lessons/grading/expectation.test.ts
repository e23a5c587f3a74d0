import { describe, expect, it } from "vitest";
import { loadCourse } from "../loader";
import { describeOutputMismatch, finalStateMismatch, meetsExpectation, outputMismatch } from "./expectation";

const LIKES = "Updated likes for post 99: 165";

describe("expected output lines match whole lines", () => {
  it("an expected line inside a longer line is not a match (substring matching would pass these)", () => {
    for (const printed of [`${LIKES}166`, `${LIKES}0`, `Not ${LIKES}`, `${LIKES} (retried)`]) {
      expect(outputMismatch([LIKES], [printed]), printed).toMatchObject({ expected: LIKES });
    }
  });

  it("the exact line matches, with other lines around it and spaces at its ends ignored", () => {
    expect(outputMismatch([LIKES], ["Attempt 1", `  ${LIKES} `, "done"])).toBeNull();
    expect(outputMismatch([LIKES], [`first\n${LIKES}`])).toBeNull();
  });

  it("lines must come in order", () => {
    const m = outputMismatch(["a: 1", "b: 2"], ["b: 2", "a: 1"]);
    expect(m).toMatchObject({ expected: "b: 2", after: "a: 1", tooEarly: true });
    expect(describeOutputMismatch(m!, ["b: 2", "a: 1"])).toBe('Your program printed "b: 2", but before "a: 1"; it should come after it.');
  });

  it("the message names the expected line and the learner's line that differs", () => {
    const output = ["Attempt 1: read 150", `${LIKES}166`];
    const m = outputMismatch([LIKES], output)!;
    expect(m.closest).toEqual({ line: 2, text: `${LIKES}166` });
    expect(describeOutputMismatch(m, output)).toBe(
      `Expected the line "${LIKES}", but line 2 of your output is "${LIKES}166". Each expected line has to match a whole line of your output exactly.`,
    );
  });

  it("with no line close to it, the message shows the output (or says nothing was printed)", () => {
    const m = outputMismatch(["x: 1", LIKES], ["x: 1", "something else"])!;
    expect(m.closest).toBeUndefined();
    expect(describeOutputMismatch(m, ["x: 1", "something else"])).toBe(
      `Expected the line "${LIKES}" after "x: 1", but your program did not print it. Your output was:\nx: 1\nsomething else`,
    );
    expect(describeOutputMismatch(outputMismatch([LIKES], [])!, [])).toBe(`Expected the line "${LIKES}", but your program did not print it. Your program printed nothing.`);
  });

  it("final values must be equal, not merely start the same", () => {
    expect(finalStateMismatch({ "likes:99": "165" }, { "likes:99": "165166" })).toBe("likes:99 ended at 165166, but it should be 165.");
    expect(finalStateMismatch({ "likes:99": "165" }, undefined)).toBe("likes:99 ended at (missing), but it should be 165.");
    expect(finalStateMismatch({ "likes:99": "165" }, { "likes:99": "165" })).toBeNull();
  });

  it("every unit's own expected lines and values meet its expectation, and a near miss does not", () => {
    for (const unit of loadCourse()) {
      const { outputIncludes, finalState } = unit.expected;
      expect(meetsExpectation(unit.expected, outputIncludes, finalState), unit.slug).toBe(true);
      if (outputIncludes.length === 0) continue;
      const nearMiss = outputIncludes.map((l, i) => (i === outputIncludes.length - 1 ? `${l}0` : l));
      expect(meetsExpectation(unit.expected, nearMiss, finalState), unit.slug).toBe(false);
    }
  });
});
