import { randomBytes } from "node:crypto";
import { aclKeyPattern } from "./namespace";

export interface RunUser {
  username: string;
  password: string;
  /** Arguments of ACL SETUSER after the user name. */
  rules: string[];
}

/**
 * A throwaway user per run: only its own key pattern, only data and transaction commands.
 * Defense in depth behind the bridge's allowlist, which already refuses everything else.
 */
export function runUser(runId: string): RunUser {
  const password = randomBytes(12).toString("hex");
  return {
    username: `pg-run-${runId}`,
    password,
    rules: [
      "reset", "on", `>${password}`, aclKeyPattern(runId), "resetchannels",
      "+@read", "+@write", "+multi", "+exec", "+watch", "+unwatch", "+discard", "+ping", "+echo",
      "-@dangerous", "-@admin", "-@scripting", "-@pubsub", "-@blocking",
      "-function", "-scan", "-randomkey", "-dbsize", "-keys", "-select", "-move", "-copy", "-migrate",
    ],
  };
}
