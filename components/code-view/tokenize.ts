import type { TokenKind } from "./code-theme";

/**
 * TypeScript split into coloured tokens the way Monaco's Monarch grammar for TypeScript splits it
 * (monaco-editor/esm/vs/languages/definitions/typescript/typescript.js), so the server-rendered
 * view and the editor agree token for token. Pure and small enough to run on both sides.
 */
export interface Token {
  text: string;
  /** null: plain text (identifiers, operators, brackets, whitespace). */
  kind: TokenKind | null;
}

/** Monarch's TypeScript keywords; code-view.test.ts holds this list to Monaco's own. */
export const KEYWORDS: ReadonlySet<string> = new Set(
  (
    "abstract any as asserts bigint boolean break case catch class continue const constructor debugger declare default delete do " +
    "else enum export extends false finally for from function get if implements import in infer instanceof interface is keyof let " +
    "module namespace never new null number object out package private protected public override readonly require global return " +
    "satisfies set static string super switch symbol this throw true try type typeof undefined unique unknown var void while with " +
    "yield async await of"
  ).split(" "),
);

type State = "code" | "template" | "interpolation" | "comment";

const ESCAPE = /^\\(?:[abfnrtv\\"']|x[0-9A-Fa-f]{1,4}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/;
const REGEXP = /^\/(?=(?:[^\\/]|\\.)+\/[dgimsuy]*\s*(?:\.|;|,|\)|\]|\}|$))(?:[^\\/]|\\.)+\/[dgimsuy]*/;
const NUMBER: [RegExp, TokenKind][] = [
  [/^\d+(?:_+\d+)*[eE](?:[-+]?\d+(?:_+\d+)*)?/, "number"],
  [/^\d+(?:_+\d+)*\.\d+(?:_+\d+)*(?:[eE][-+]?\d+(?:_+\d+)*)?/, "number"],
  [/^0[xX][0-9a-fA-F]+(?:_+[0-9a-fA-F]+)*n?/, "number.hex"],
  [/^0[oO]?[0-7]+(?:_+[0-7]+)*n?/, "number"],
  [/^0[bB][01]+(?:_+[01]+)*n?/, "number"],
  [/^\d+(?:_+\d+)*n?/, "number"],
];

/** One line of tokens per source line; block comments and template strings carry across lines. */
export function tokenizeTypeScript(source: string): Token[][] {
  const stack: State[] = ["code"];
  return source.split("\n").map((line) => tokenizeLine(line, stack));
}

function tokenizeLine(line: string, stack: State[]): Token[] {
  const out: Token[] = [];
  const push = (text: string, kind: TokenKind | null) => {
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += text;
    else out.push({ text, kind });
  };
  let i = 0;
  while (i < line.length) {
    const rest = line.slice(i);
    const state = stack[stack.length - 1];
    let m: RegExpMatchArray | null;
    if (state === "comment") {
      const end = rest.indexOf("*/");
      const text = end < 0 ? rest : rest.slice(0, end + 2);
      push(text, "comment");
      if (end >= 0) stack.pop();
      i += text.length;
    } else if (state === "template") {
      if (rest.startsWith("${")) {
        push("${", null);
        stack.push("interpolation");
        i += 2;
      } else if (rest[0] === "\\") {
        const text = ESCAPE.exec(rest)?.[0] ?? "\\";
        push(text, "string.escape");
        i += text.length;
      } else if (rest[0] === "`") {
        push("`", "string");
        stack.pop();
        i += 1;
      } else {
        const text = /^(?:[^\\`$]+|\$)/.exec(rest)?.[0] ?? rest[0]!;
        push(text, "string");
        i += text.length;
      }
    } else if (state === "interpolation" && (rest[0] === "{" || rest[0] === "}")) {
      push(rest[0], null);
      if (rest[0] === "{") stack.push("interpolation");
      else stack.pop();
      i += 1;
    } else if ((m = /^#?[a-z_$][\w$]*/.exec(rest))) {
      push(m[0], KEYWORDS.has(m[0]) ? "keyword" : null);
      i += m[0].length;
    } else if ((m = /^[A-Z][\w$]*/.exec(rest))) {
      push(m[0], "type");
      i += m[0].length;
    } else if (rest.startsWith("/*")) {
      push("/*", "comment");
      stack.push("comment");
      i += 2;
    } else if (rest.startsWith("//")) {
      push(rest, "comment");
      i = line.length;
    } else if ((m = REGEXP.exec(rest))) {
      push(m[0], "regexp");
      i += m[0].length;
    } else if ((m = matchNumber(rest))) {
      i += m[0].length;
    } else if (rest[0] === '"' || rest[0] === "'") {
      i += quoted(rest, push);
    } else if (rest[0] === "`") {
      push("`", "string");
      stack.push("template");
      i += 1;
    } else {
      push(rest[0]!, null);
      i += 1;
    }

    function matchNumber(text: string): RegExpMatchArray | null {
      for (const [re, kind] of NUMBER) {
        const found = re.exec(text);
        if (found) {
          push(found[0], kind);
          return found;
        }
      }
      return null;
    }
  }
  return out;
}

/** A single- or double-quoted string (never spans lines); returns the characters it used. */
function quoted(rest: string, push: (text: string, kind: TokenKind | null) => void): number {
  const quote = rest[0]!;
  let j = 1;
  push(quote, "string");
  while (j < rest.length) {
    if (rest[j] === "\\") {
      const text = ESCAPE.exec(rest.slice(j))?.[0] ?? "\\";
      push(text, "string.escape");
      j += text.length;
    } else if (rest[j] === quote) {
      push(quote, "string");
      return j + 1;
    } else {
      const end = rest.slice(j).search(new RegExp(`[\\\\${quote}]`));
      const text = end < 0 ? rest.slice(j) : rest.slice(j, j + end);
      push(text, "string");
      j += text.length;
    }
  }
  return j;
}
