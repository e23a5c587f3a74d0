import type { KeyboardEvent } from "react";
import { CODE_THEME, type TokenKind } from "./code-theme";
import { tokenizeTypeScript } from "./tokenize";

const cls = (kind: TokenKind) => `cv-${kind.replace(".", "-")}`;

/** The view's look, written once from CODE_THEME (React hoists and dedupes it by href). */
const CSS = [
  `.code-view{font-family:${CODE_THEME.fontFamily};font-size:${CODE_THEME.fontSize}px;line-height:${CODE_THEME.lineHeight}px;` +
    `font-feature-settings:"liga" 0,"calt" 0;padding-top:${CODE_THEME.paddingTop}px;white-space:pre;` +
    `color:${CODE_THEME.foreground.light};background:${CODE_THEME.background.light}}`,
  `.dark .code-view{color:${CODE_THEME.foreground.dark};background:${CODE_THEME.background.dark}}`,
  `.code-view .cv-ln{display:inline-block;width:${CODE_THEME.lineNumberChars}ch;margin-right:${CODE_THEME.gutterGapPx}px;text-align:right;` +
    `color:${CODE_THEME.lineNumber.light}}`,
  `.dark .code-view .cv-ln{color:${CODE_THEME.lineNumber.dark}}`,
  ...Object.entries(CODE_THEME.tokens).flatMap(([kind, c]) => [
    `.code-view .${cls(kind as TokenKind)}{color:${c.light}}`,
    `.dark .code-view .${cls(kind as TokenKind)}{color:${c.dark}}`,
  ]),
].join("\n");

interface CodeViewProps {
  code: string;
  label: string;
  onKeyDown?: (e: KeyboardEvent<HTMLDivElement>) => void;
}

/**
 * The code as highlighted, read-only text: rendered on the server, so it is readable at first
 * paint, and laid out like Monaco (same font, line height and gutter), which replaces it in place.
 */
export function CodeView({ code, label, onKeyDown }: CodeViewProps) {
  return (
    <div
      role="textbox"
      aria-readonly="true"
      aria-multiline="true"
      aria-label={label}
      tabIndex={0}
      onKeyDown={onKeyDown}
      className="code-view h-full overflow-auto"
      data-testid="code-view"
    >
      <style href="code-view" precedence="default">
        {CSS}
      </style>
      {tokenizeTypeScript(code).map((tokens, n) => (
        <div key={n}>
          <span className="cv-ln" aria-hidden="true">
            {n + 1}
          </span>
          {tokens.map((t, k) => (
            <span key={k} className={t.kind ? cls(t.kind) : undefined}>
              {t.text}
            </span>
          ))}
        </div>
      ))}
    </div>
  );
}
