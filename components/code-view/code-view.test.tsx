// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import path from "node:path";
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CodeView } from "./code-view";
import { KEYWORDS, tokenizeTypeScript, type Token } from "./tokenize";

const kinds = (tokens: Token[]) => tokens.filter((t) => t.kind).map((t) => [t.text, t.kind]);

describe("tokenizeTypeScript (the server-rendered view's colours)", () => {
  it("knows exactly Monaco's TypeScript keywords", () => {
    const grammar = readFileSync(path.join(process.cwd(), "node_modules/monaco-editor/esm/vs/languages/definitions/typescript/typescript.js"), "utf8");
    const list = /keywords: \[([\s\S]*?)\]/.exec(grammar)?.[1] ?? "";
    const monaco = [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
    expect(monaco.length).toBeGreaterThan(50);
    expect([...KEYWORDS].sort()).toEqual(monaco.sort());
  });

  it("splits a lesson's code like Monaco's Monarch grammar", () => {
    const [imp, , call] = tokenizeTypeScript('import Redis from "ioredis";\n// a note\nawait redis.set(`k:${n}`, 0x1f, 42); /* c */\n');
    expect(kinds(imp!)).toEqual([["import", "keyword"], ["Redis", "type"], ["from", "keyword"], ['"ioredis"', "string"]]);
    expect(kinds(call!)).toEqual([
      ["await", "keyword"],
      // Monarch colours `set` (a TS keyword for accessors) wherever it appears; so do we.
      ["set", "keyword"],
      ["`k:", "string"],
      ["`", "string"],
      ["0x1f", "number.hex"],
      ["42", "number"],
      ["/* c */", "comment"],
    ]);
    // Every character is kept, in order.
    expect(call!.map((t) => t.text).join("")).toBe("await redis.set(`k:${n}`, 0x1f, 42); /* c */");
  });

  it("carries block comments and template strings across lines", () => {
    const lines = tokenizeTypeScript("/* one\ntwo */ let x = `a\nb${1}c`;");
    expect(kinds(lines[0]!)).toEqual([["/* one", "comment"]]);
    expect(kinds(lines[1]!)).toEqual([["two */", "comment"], ["let", "keyword"], ["`a", "string"]]);
    expect(kinds(lines[2]!)).toEqual([["b", "string"], ["1", "number"], ["c`", "string"]]);
  });
});

describe("CodeView", () => {
  it("renders every line with its number, read-only", () => {
    const { getByTestId } = render(<CodeView code={"const a = 1;\nconsole.log(a);"} label="Code" />);
    const view = getByTestId("code-view");
    expect(view.getAttribute("aria-readonly")).toBe("true");
    expect(view.textContent).toContain("1const a = 1;");
    expect(view.textContent).toContain("2console.log(a);");
  });
});
