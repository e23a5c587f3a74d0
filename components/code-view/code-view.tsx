import { useSyncExternalStore, type KeyboardEvent } from "react";
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
  // The typing surface: its own text is transparent over the coloured lines, which it matches
  // glyph for glyph (same font, line height and top padding; it starts where the code starts).
  `.code-view .cv-input{position:absolute;top:0;left:calc(${CODE_THEME.lineNumberChars}ch + ${CODE_THEME.gutterGapPx}px);` +
    `margin:0;border:0;padding:${CODE_THEME.paddingTop}px 0 0;outline:none;resize:none;overflow:hidden;background:transparent;` +
    `font:inherit;line-height:inherit;font-feature-settings:inherit;white-space:pre;color:transparent;` +
    `caret-color:${CODE_THEME.foreground.light}}`,
  `.dark .code-view .cv-input{caret-color:${CODE_THEME.foreground.dark}}`,
  `.code-view .cv-input::selection{background:rgba(59,130,246,.35)}`,
  `.code-view:has(.cv-input:focus-visible){outline:2px solid #2563eb;outline-offset:-2px}`,
  ...Object.entries(CODE_THEME.tokens).flatMap(([kind, c]) => [
    `.code-view .${cls(kind as TokenKind)}{color:${c.light}}`,
    `.dark .code-view .${cls(kind as TokenKind)}{color:${c.dark}}`,
  ]),
].join("\n");

interface CodeViewProps {
  code: string;
  label: string;
  onKeyDown?: (e: KeyboardEvent<HTMLDivElement>) => void;
  /** Given: once the page is live the code can be typed into here, before the full editor loads. */
  onEdit?: (code: string) => void;
}

const subscribeNothing = () => () => undefined;

/**
 * The code as highlighted text: rendered on the server, so it is readable at first paint, and
 * laid out like Monaco (same font, line height and gutter), which replaces it in place. With
 * `onEdit`, once hydrated, a transparent textarea over the text takes the learner's typing (the
 * colours follow each keystroke) until Monaco, seconds later on a slow machine, takes over.
 * Before hydration it stays read-only: the saved code, which the server cannot know, is not shown yet.
 */
export function CodeView({ code, label, onKeyDown, onEdit }: CodeViewProps) {
  const live = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const typing = live && onEdit !== undefined;
  const lines = tokenizeTypeScript(code);
  const longest = code.split("\n").reduce((n, line) => Math.max(n, line.length), 0);
  return (
    <div
      // Typing: the textarea is the one textbox. Read-only: the view itself is, and takes focus.
      {...(typing ? { tabIndex: -1 } : { role: "textbox", "aria-readonly": true, "aria-multiline": true, "aria-label": label, tabIndex: 0 })}
      onKeyDown={onKeyDown}
      className="code-view relative h-full overflow-auto"
      data-testid="code-view"
    >
      <style href="code-view" precedence="default">
        {CSS}
      </style>
      {lines.map((tokens, n) => (
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
      {typing && (
        <textarea
          className="cv-input"
          aria-label={label}
          data-testid="code-input"
          value={code}
          onChange={(e) => onEdit(e.target.value)}
          wrap="off"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          autoCorrect="off"
          // Tall and wide enough for all the text, so the view (not the textarea) scrolls both.
          style={{ height: lines.length * CODE_THEME.lineHeight + CODE_THEME.paddingTop, width: `max(${longest + 2}ch, 100% - ${CODE_THEME.lineNumberChars}ch - ${CODE_THEME.gutterGapPx}px)` }}
        />
      )}
    </div>
  );
}
