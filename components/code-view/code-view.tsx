import { useLayoutEffect, useRef, useState, useSyncExternalStore, type FormEvent, type KeyboardEvent } from "react";
import { CODE_THEME, type TokenKind } from "./code-theme";
import { CODE_VIEW_DOM } from "./code-view-dom";
import { tabEdit, type TextEdit } from "./indent";
import { tokenizeTypeScript } from "./tokenize";

const cls = (kind: TokenKind) => `cv-${kind.replace(".", "-")}`;

const PLAIN = `.code-view.${CODE_VIEW_DOM.plain}`;

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
  // It grows with its text (field-sizing) so that, before hydration too, the view scrolls, not it.
  `.code-view .cv-input{position:absolute;top:0;left:calc(${CODE_THEME.lineNumberChars}ch + ${CODE_THEME.gutterGapPx}px);` +
    `margin:0;border:0;padding:${CODE_THEME.paddingTop}px 0 0;outline:none;resize:none;overflow:hidden;background:transparent;` +
    `font:inherit;line-height:inherit;font-feature-settings:inherit;white-space:pre;color:transparent;field-sizing:content;` +
    `caret-color:${CODE_THEME.foreground.light}}`,
  `.dark .code-view .cv-input{caret-color:${CODE_THEME.foreground.dark}}`,
  `${PLAIN} .cv-input{color:inherit}`,
  `${PLAIN}>div>span:not(.cv-ln){visibility:hidden}`,
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
  /** The learner typed: the whole new text. */
  onEdit: (code: string) => void;
}

const subscribeNothing = () => () => undefined;

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Big enough for all the text, so the view (not the textarea) scrolls both ways. */
function inputSize(code: string): { minHeight: string; minWidth: string } {
  const lines = code.split("\n");
  const longest = lines.reduce((n, line) => Math.max(n, line.length), 0);
  return {
    minHeight: `${lines.length * CODE_THEME.lineHeight + CODE_THEME.paddingTop}px`,
    minWidth: `max(${longest + 2}ch, 100% - ${CODE_THEME.lineNumberChars}ch - ${CODE_THEME.gutterGapPx}px)`,
  };
}

/**
 * The textarea as HTML, outside React's reach: React resets a textarea it hydrates to its
 * server value, which would drop what the learner typed before hydration. (A first newline
 * would be swallowed by the HTML parser, so one is always written before the text.)
 */
function inputHtml(code: string, label: string): string {
  const size = inputSize(code);
  return (
    `<textarea class="cv-input" aria-label="${escapeHtml(label)}" data-testid="code-input" wrap="off" spellcheck="false" ` +
    `autocapitalize="off" autocomplete="off" autocorrect="off" style="min-height:${size.minHeight};min-width:${size.minWidth}">` +
    `\n${escapeHtml(code)}</textarea>`
  );
}

/** Applies an edit the way typing would: through insertText, so the browser's undo history keeps it. */
function applyEdit(input: HTMLTextAreaElement, edit: TextEdit): void {
  input.setSelectionRange(edit.from, edit.to);
  if (!document.execCommand?.("insertText", false, edit.text)) {
    // No insertText (jsdom): same text, no undo step.
    input.setRangeText(edit.text, edit.from, edit.to);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
  input.setSelectionRange(edit.selectionStart, edit.selectionEnd);
}

/**
 * Tab and Shift+Tab indent as in Monaco; the ways out are Monaco's too (the tab hint names them):
 * Esc then Tab leaves once, Ctrl+M (Mac: Ctrl+Shift+M) makes Tab move focus until pressed again.
 */
function useTabKeys() {
  const escaped = useRef(false);
  const tabMovesFocus = useRef(false);
  return (e: KeyboardEvent<HTMLDivElement>): boolean => {
    const input = e.target;
    if (!(input instanceof HTMLTextAreaElement)) return false;
    const wasEscaped = escaped.current;
    escaped.current = e.key === "Escape";
    if (e.ctrlKey && !e.altKey && !e.metaKey && e.code === "KeyM") {
      tabMovesFocus.current = !tabMovesFocus.current;
      e.preventDefault();
      return true;
    }
    if (e.key !== "Tab" || e.ctrlKey || e.altKey || e.metaKey || wasEscaped || tabMovesFocus.current) return false;
    e.preventDefault();
    const edit = tabEdit(input.value, input.selectionStart, input.selectionEnd, e.shiftKey);
    if (edit) applyEdit(input, edit);
    return true;
  };
}

/**
 * The code as highlighted text with a transparent textarea over it: rendered on the server, so
 * it is readable and takes typing at first paint, and laid out like Monaco (same font, line
 * height and gutter), which replaces it in place. Once hydrated, the colours follow each
 * keystroke and Tab indents; before that, typed text shows plain, and whatever the textarea holds
 * at hydration (typed, or the saved code put there by the page's boot script) is reported
 * through `onEdit`.
 */
export function CodeView({ code, label, onKeyDown, onEdit }: CodeViewProps) {
  const live = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const lines = tokenizeTypeScript(code);
  // Written once: later renders must not replace the textarea (its focus, caret and undo history).
  const [html] = useState(() => inputHtml(code, label));
  const box = useRef<HTMLDivElement>(null);
  const tabKeys = useTabKeys();
  const adopted = useRef(false);
  const report = useRef(onEdit);
  useLayoutEffect(() => {
    report.current = onEdit;
  });
  useLayoutEffect(() => {
    const input = box.current?.querySelector("textarea");
    if (!input) return;
    if (!adopted.current) {
      // First commit in the browser: the textarea's text is the learner's.
      adopted.current = true;
      if (input.value !== code) {
        report.current(input.value);
        return;
      }
    } else if (input.value !== code) {
      // A reset, a solution or the test hook replaced the code.
      input.value = code;
    }
    Object.assign(input.style, inputSize(code));
  }, [code]);
  return (
    <div
      tabIndex={-1}
      onKeyDown={(e) => tabKeys(e) || onKeyDown?.(e)}
      // Hydration leaves classes alone; this render, just after it, replaces cv-plain.
      className={`code-view relative h-full overflow-auto${live ? ` ${CODE_VIEW_DOM.live}` : ""}`}
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
      <div
        ref={box}
        className="contents"
        onInput={(e: FormEvent<HTMLDivElement>) => onEdit((e.target as HTMLTextAreaElement).value)}
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </div>
  );
}
