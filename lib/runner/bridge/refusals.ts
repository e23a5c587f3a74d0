/** What the guest tried that the playground does not allow, as learner-facing errors. */
import { refusalReason } from "../allowlist/allowlist";
import type { RunErrorInfo } from "../types";

export function refuseCommand(method: string, line: number): RunErrorInfo {
  return {
    code: "forbidden_command",
    message: `${method.toUpperCase()} isn't allowed in the playground: ${refusalReason(method)}. Use the data commands (strings, hashes, lists, sets, sorted sets), key basics, WATCH/MULTI/EXEC, PING or ECHO.`,
    line: line || undefined,
  };
}

export function refuseImport(name: string, line: number): RunErrorInfo {
  return {
    code: "forbidden_import",
    message: `Only "ioredis" can be imported in the playground; "${name}" isn't available here. Remove that import.`,
    line: line || undefined,
  };
}
