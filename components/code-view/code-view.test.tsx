// @vitest-environment jsdom
import { readFileSync } from "node:fs";
import path from "node:path";
import { act, fireEvent, render, within } from "@testing-library/react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { CodeView } from "./code-view";
import { tabEdit } from "./indent";
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
  it("renders every line with its number and one textbox (the textarea) over them", () => {
    const { getByTestId, getAllByRole } = render(<CodeView code={"const a = 1;\nconsole.log(a);"} label="Code" onEdit={() => undefined} />);
    const view = getByTestId("code-view");
    expect(view.textContent).toContain("1const a = 1;");
    expect(view.textContent).toContain("2console.log(a);");
    // For assistive tech, the textarea is the textbox; the view around it does not claim to be one.
    expect(view.getAttribute("role")).toBeNull();
    expect(getAllByRole("textbox")).toHaveLength(1);
    expect((getByTestId("code-input") as HTMLTextAreaElement).value).toBe("const a = 1;\nconsole.log(a);");
  });

  it("keeps a first newline (the HTML parser drops one) and escapes markup in the code", () => {
    const code = '\nconst s = "</textarea><b>&amp;";';
    const { getByTestId } = within(render(<CodeView code={code} label="Code" onEdit={() => undefined} />).container);
    expect((getByTestId("code-input") as HTMLTextAreaElement).value).toBe(code);
  });

  it("takes typing and recolours what was typed; a new code from outside replaces the text", () => {
    let outside: (code: string) => void = () => undefined;
    function Typed() {
      const [code, setCode] = useState("const a = 1;");
      outside = setCode;
      return <CodeView code={code} label="Code" onEdit={setCode} />;
    }
    // The earlier renders are still in the document (no global afterEach cleanup): look inside this one.
    const { getByTestId, getByLabelText } = within(render(<Typed />).container);
    const input = getByLabelText("Code") as HTMLTextAreaElement;
    expect(input.tagName).toBe("TEXTAREA");
    expect(input.value).toBe("const a = 1;");
    fireEvent.input(input, { target: { value: "const a = 1;\nawait run();" } });
    const lines = getByTestId("code-view").querySelectorAll(":scope > div:has(.cv-ln)");
    expect(lines).toHaveLength(2);
    expect(lines[1]!.textContent).toBe("2await run();");
    expect(lines[1]!.querySelector(".cv-keyword")?.textContent).toBe("await");
    // The same element all along: focus, caret and undo history survive typing.
    expect(getByTestId("code-input")).toBe(input);
    act(() => outside("reset();"));
    expect(input.value).toBe("reset();");
  });

  it("reports what the textarea already holds when it first commits (typed or restored before hydration)", () => {
    const container = document.createElement("div");
    document.body.append(container);
    // What the server sent, then what the learner typed into it before the page's scripts ran.
    container.innerHTML = renderToString(<CodeView code="starter();" label="Code" onEdit={() => undefined} />);
    container.querySelector("textarea")!.value = "starter();\ntyped();";
    const edits: string[] = [];
    act(() => {
      hydrateRoot(container, <CodeView code="starter();" label="Code" onEdit={(c) => edits.push(c)} />);
    });
    expect(edits).toEqual(["starter();\ntyped();"]);
    expect(container.querySelector("textarea")!.value).toBe("starter();\ntyped();");
  });
});

describe("Tab in the code view (as in Monaco)", () => {
  const edited = (value: string, start: number, end: number, outdent = false) => {
    const e = tabEdit(value, start, end, outdent);
    if (!e) return null;
    const text = value.slice(0, e.from) + e.text + value.slice(e.to);
    return { text, selected: text.slice(e.selectionStart, e.selectionEnd), caret: e.selectionStart };
  };

  it("inserts spaces up to the next indent stop at the caret", () => {
    expect(edited("ab", 0, 0)).toEqual({ text: "  ab", selected: "", caret: 2 });
    expect(edited("ab", 1, 1)).toEqual({ text: "a b", selected: "", caret: 2 });
  });

  it("indents and outdents every line a selection touches, and keeps them selected", () => {
    const code = "a\n  b\nc";
    expect(edited(code, 0, code.length)).toEqual({ text: "  a\n    b\n  c", selected: "  a\n    b\n  c", caret: 0 });
    expect(edited("  a\n    b\nc", 2, 9, true)).toEqual({ text: "a\n  b\nc", selected: "a\n  b", caret: 0 });
    // Ending at the start of a line does not take that line along.
    expect(edited(code, 0, 2)?.text).toBe("  a\n  b\nc");
    expect(edited("a\nb", 0, 0, true)).toBeNull();
  });

  it("Tab indents in the view's textarea; after Esc, Tab is left to the browser (it moves focus)", () => {
    const edits: string[] = [];
    const { getByTestId } = within(render(<CodeView code="run();" label="Code" onEdit={(c) => edits.push(c)} />).container);
    const input = getByTestId("code-input") as HTMLTextAreaElement;
    input.setSelectionRange(0, 0);
    expect(fireEvent.keyDown(input, { key: "Tab", code: "Tab" })).toBe(false); // handled: default prevented
    expect(input.value).toBe("  run();");
    expect(edits.at(-1)).toBe("  run();");
    fireEvent.keyDown(input, { key: "Escape", code: "Escape" });
    expect(fireEvent.keyDown(input, { key: "Tab", code: "Tab" })).toBe(true); // not prevented: focus moves on
    expect(input.value).toBe("  run();");
    fireEvent.keyDown(input, { key: "m", code: "KeyM", ctrlKey: true });
    expect(fireEvent.keyDown(input, { key: "Tab", code: "Tab" })).toBe(true);
  });
});
