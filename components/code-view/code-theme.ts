/**
 * One home for how code looks: the server-rendered code view and Monaco's themes both read this,
 * so nothing moves or changes colour when the editor takes over from the static view.
 * Token colours are Monaco's stock "vs" / "vs-dark" ones for the TypeScript Monarch tokens, except
 * vs-dark's comment green (#608b4e, 4.2:1), which fails WCAG AA contrast.
 */
export type TokenKind = "keyword" | "type" | "string" | "string.escape" | "number" | "number.hex" | "comment" | "regexp";

type Pair = { light: string; dark: string };

export const CODE_THEME = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  fontSize: 14,
  lineHeight: 20,
  paddingTop: 8,
  /** Monaco's line-number column is this many digits wide (lineNumbersMinChars). */
  lineNumberChars: 5,
  /** Monaco's line decorations (10 px) plus its folding column (16 px): the gap before the code. */
  gutterGapPx: 26,
  foreground: { light: "#000000", dark: "#D4D4D4" } satisfies Pair,
  background: { light: "#FFFFFE", dark: "#1E1E1E" } satisfies Pair,
  lineNumber: { light: "#237893", dark: "#858585" } satisfies Pair,
  tokens: {
    keyword: { light: "#0000FF", dark: "#569CD6" },
    type: { light: "#008080", dark: "#3DC9B0" },
    string: { light: "#A31515", dark: "#CE9178" },
    "string.escape": { light: "#A31515", dark: "#CE9178" },
    number: { light: "#098658", dark: "#B5CEA8" },
    "number.hex": { light: "#3030C0", dark: "#5BB498" },
    comment: { light: "#008000", dark: "#7CAF6A" },
    regexp: { light: "#800000", dark: "#B46695" },
  } satisfies Record<TokenKind, Pair>,
} as const;
