/**
 * The run's running totals against its limits: commands sent, bytes of arguments written and
 * characters printed. Each check returns the learner-facing error once a total passes its limit.
 */
import { limitError } from "./messages";
import type { RunErrorInfo, RunLimits } from "../types";

export class RunCounters {
  private commands = 0;
  private bytesWritten = 0;
  private outputChars = 0;

  constructor(private readonly limits: RunLimits) {}

  /** `n` commands about to be sent, with the final arguments of the writes among them. */
  sent(n: number, line: number | null, writtenArgs?: readonly string[]): RunErrorInfo | null {
    this.commands += n;
    if (this.commands > this.limits.commands) return { ...limitError("command_limit", this.limits), line: line ?? undefined };
    if (!writtenArgs) return null;
    for (const a of writtenArgs) this.bytesWritten += Buffer.byteLength(a);
    return this.bytesWritten > this.limits.bytesWritten ? { ...limitError("write_limit", this.limits), line: line ?? undefined } : null;
  }

  /** A line of console output (with its newline). */
  printed(chars: number, line: number): RunErrorInfo | null {
    this.outputChars += chars;
    return this.outputChars > this.limits.outputChars ? { ...limitError("output_limit", this.limits), line: line || undefined } : null;
  }

  /** One more connection opened, `open` being those the program has already. */
  connection(open: number, line: number): RunErrorInfo | null {
    return open >= this.limits.connections ? { ...limitError("connection_limit", this.limits), line: line || undefined } : null;
  }
}
