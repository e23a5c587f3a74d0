import { describe, expect, it } from "vitest";
import { runInNewContext } from "node:vm";
import { LINE_MARK_FN, markCallLines } from "./line-marks";
import { run, commandsOf } from "./test-support";

const marked = (js: string) => markCallLines(js)!.code;

describe("line marks", () => {
  it("append an empty spread that records the callee's line to every call, and add no line", () => {
    const js = `const r = new (0, X.default)();\nconst x = await r.get("a",);\nawait r.set("b", await r.get("c"), /* c */);\nconst t = r.multi()\n  .set("k", 1)\n  .exec();\nlog(\`\${x}\`, // hi\n);`;
    const out = marked(js);
    expect(out.split("\n")).toHaveLength(js.split("\n").length);
    expect(out).toContain(`new (0, X.default)(...${LINE_MARK_FN}(1))`);
    expect(out).toContain(`r.get("a",...${LINE_MARK_FN}(2))`);
    expect(out).toContain(`r.get("c", ...${LINE_MARK_FN}(3)), /* c */...${LINE_MARK_FN}(3))`);
    expect(out).toContain(`.set("k", 1, ...${LINE_MARK_FN}(5))`);
    expect(out).toContain(`.exec(...${LINE_MARK_FN}(6))`);
    expect(out).toContain(`// hi\n...${LINE_MARK_FN}(7))`);
  });

  it("leave alone what has no argument list of its own", () => {
    expect(marked(`new Foo;`)).toBe(`new Foo;`);
    expect(marked(`new (make(1));`)).toBe(`new (make(1, ...${LINE_MARK_FN}(1)));`);
    expect(markCallLines(`this is not javascript (`)).toBeUndefined();
  });

  it("give up (unmarked, never a host error) on nesting deeper than the host's stack", () => {
    const deep = "f(".repeat(20000) + ")".repeat(20000) + ";";
    expect(() => markCallLines(deep)).not.toThrow();
  });

  it("change nothing about a call but recording its line, after its arguments and right before it", () => {
    const lines: number[] = [];
    const seen: unknown[] = [];
    const mark = (line: number) => (lines.push(line), []);
    const js = `function f() { seen.push(arguments.length); return arguments[0]; }\nf(\n  f(1),\n  2,\n);\nnew f();`;
    runInNewContext(marked(js), { [LINE_MARK_FN]: mark, seen });
    expect(seen).toEqual([1, 2, 0]);
    // Line 1 is f's own seen.push(...).
    expect(lines.filter((l) => l !== 1)).toEqual([3, 2, 6]);
  });

  it("map QuickJS's columns back to the line before marking", () => {
    const m = markCallLines(`a(b(1), c.d.e);`)!;
    // In the marked line, `c` moved right by the text added to b's call.
    const added = m.code.indexOf("c.d") - "a(b(1), ".length;
    expect(added).toBeGreaterThan(0);
    expect(m.sourceColumn(1, m.code.indexOf("c.d") + 1)).toBe("a(b(1), ".length + 1);
    expect(m.sourceColumn(1, 1)).toBe(1);
    expect(m.sourceColumn(2, 7)).toBe(7);
  });

  it("give the trace the line of each command, in chains and nested awaits too", async () => {
    const r = await run(`
      import Redis from "ioredis";
      const r = new Redis();
      await r.set("n", await r.get("m"));
      await r
        .multi()
        .incr("n")
        .exec();
      const s = new Redis;
      await s.ping();
    `);
    expect(r.status).toBe("ok");
    const lines = commandsOf(r).map((c) => `${c.name}@${c.line}`);
    expect(lines).toEqual(["GET@3", "SET@3", "MULTI@5", "INCR@6", "EXEC@7", "PING@9"]);
    // `new Redis` has no argument list to mark: its line comes from the stack trace.
    expect(r.trace.clients.map((c) => c.label)).toEqual(["new Redis() on line 2", "new Redis() on line 8"]);
  });

  it("report a runtime error's column in the learner's line, not the marked one", async () => {
    const r = await run(`const o: any = {};\nconsole.log(String(1), o.x.y);`);
    expect(r.error?.code).toBe("runtime");
    expect(r.error?.line).toBe(2);
    // Without the mapping it would lie past the end of the learner's line.
    expect(r.error?.column).toBeGreaterThan("console.log(String(1), ".length);
    expect(r.error?.column).toBeLessThanOrEqual("console.log(String(1), o.x.y);".length);
  });
});
