import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeIssues } from "./issues";

const schema = z.object({ a: z.object({ b: z.number() }), c: z.string() });
const failed = (v: unknown) => {
  const r = schema.safeParse(v);
  if (r.success) throw new Error("expected a failure");
  return r.error;
};

describe("zod issues in words", () => {
  it("all issues, each with its path, for a content author", () => {
    expect(describeIssues(failed({ a: { b: "x" }, c: 1 }))).toBe("a.b: Invalid input: expected number, received string; c: Invalid input: expected string, received number");
  });

  it("only the first, for a request", () => {
    expect(describeIssues(failed({ a: { b: "x" }, c: 1 }), { first: true })).toBe("a.b: Invalid input: expected number, received string");
  });

  it("an issue about the whole value is named by root, or stands alone", () => {
    expect(describeIssues(failed(5), { first: true, root: "request" })).toBe("request: Invalid input: expected object, received number");
    expect(describeIssues(failed(5), { first: true })).toBe("Invalid input: expected object, received number");
  });
});
