import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { runProgram } from "./index";
import { loadCourse } from "../lessons/loader";
import { playgroundCli } from "./test-support";

const course = loadCourse();

describe("every unit's program runs against real Redis with the expected results", () => {
  it("has the six units", () => expect(course.map((u) => u.order)).toEqual([1, 2, 3, 4, 5, 6]));

  for (const unit of course) {
    it(`unit ${unit.order} (${unit.slug})`, async () => {
      const r = await runProgram({ source: unit.solution ?? unit.starter, setup: unit.setup, inspectKeys: unit.inspectKeys });
      expect(r.error).toBeUndefined();
      expect(r.status).toBe("ok");
      let from = 0;
      for (const line of unit.expected.outputIncludes) {
        const at = r.output.indexOf(line, from);
        expect(at, `"${line}" in output ${JSON.stringify(r.output)}`).toBeGreaterThanOrEqual(0);
        from = at + 1;
      }
      expect(r.finalState).toEqual(unit.expected.finalState);
      expect(r.watchLeftOn).toEqual([]);
    });
  }

  it("the course's results are the numbers of LESSONS.md", () => {
    const finals = course.map((u) => Object.values(u.expected.finalState).join("/"));
    expect(finals).toEqual(["150", "150", "2651", "200/80", "165", "230"]);
  });

  it("unit 4 aborts the negative update and writes nothing", async () => {
    const unit = course[3]!;
    const r = await runProgram({ source: unit.solution!, setup: unit.setup, inspectKeys: unit.inspectKeys });
    const afterAbort = r.trace.events.filter((e) => e.kind === "command" && e.name === "UNWATCH");
    expect(afterAbort).toHaveLength(1);
    expect(r.output.some((l) => /abort/i.test(l))).toBe(true);
  });
});

describe("the CLI", () => {
  it("runs a unit's program and prints output and trace, exit 0", () => {
    const unit = course[0]!;
    const out = execFileSync(...playgroundCli("run", `lessons/01-${unit.slug}/starter.ts`, "--unit", unit.slug), { encoding: "utf8" });
    expect(out).toContain(unit.expected.outputIncludes[0]);
    expect(out).toMatch(/"EXEC" .*committed/);
    expect(out).toContain("Status: ok");
  });

  it("--json prints the result object", () => {
    const unit = course[4]!;
    const out = execFileSync(...playgroundCli("run", `lessons/05-${unit.slug}/solution.ts`, "--unit", unit.slug, "--json"), { encoding: "utf8" });
    const r = JSON.parse(out) as { status: string; finalState: Record<string, string> };
    expect(r.status).toBe("ok");
    expect(r.finalState).toEqual(unit.expected.finalState);
  });

  it("exit 1 when the program fails, 2 for bad usage", () => {
    const status = (args: string[]) => {
      try {
        execFileSync(...playgroundCli(...args), { stdio: "pipe" });
        return 0;
      } catch (e) {
        return (e as { status: number }).status;
      }
    };
    expect(status(["run", "lessons/06-update-points/starter.ts", "--setup", '[["SET","points:2","200"]]', "--plan", '{"kind":"nope"}'])).toBe(1);
    expect(status(["run"])).toBe(2);
    expect(status(["frobnicate", "x.ts"])).toBe(2);
    expect(status(["run", "no-such-file.ts"])).toBe(2);
  });
});
