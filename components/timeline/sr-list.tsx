import { memo } from "react";
import { attemptTitle, conflictSentence, describeEvent, describeRun } from "@/lib/trace";
import type { Row, RowModel } from "./rows";

function text(row: Row): string {
  switch (row.kind) {
    case "attempt":
      return `${row.attempt.client}, ${attemptTitle(row.attempt)}:`;
    case "event":
      return describeEvent(row.event);
    case "run":
      return describeRun(row.events);
    case "why":
      return `Why: ${conflictSentence(row.conflict)}.`;
  }
}

/**
 * The whole run as an ordered list of sentences for screen readers. The lanes mount only the
 * rows in view; this list is plain text, built once per trace, so it stays cheap.
 */
export const ScreenReaderList = memo(function ScreenReaderList({ model, label }: { model: RowModel; label: string }) {
  return (
    <ol aria-label={label} className="sr-only">
      {model.rows.map((row, i) => (
        <li key={i}>{text(row)}</li>
      ))}
    </ol>
  );
});
