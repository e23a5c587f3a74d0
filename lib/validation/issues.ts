/**
 * Zod issues in words, one way for every schema: "path.to.field: message". A request gets its
 * first problem (one line the caller can act on); content gets them all, for its author.
 */
import type { ZodError } from "zod";

export interface IssueTextOptions {
  /** Only the first issue, for a one-line answer to a request. Default: all, joined with "; ". */
  first?: boolean;
  /** Names the whole value in an issue without a path ("request: ..."); without it, the message stands alone. */
  root?: string;
}

export function describeIssues(error: ZodError, opts: IssueTextOptions = {}): string {
  const issues = opts.first ? error.issues.slice(0, 1) : error.issues;
  if (issues.length === 0) return "The value was not understood.";
  return issues
    .map((issue) => {
      const where = issue.path.map(String).join(".") || opts.root;
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join("; ");
}
