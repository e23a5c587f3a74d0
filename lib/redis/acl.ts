import { randomToken } from "./random-token";
import { aclKeyPattern } from "./namespace";
import { CATALOGUE, TRANSACTION_COMMANDS } from "../commands/catalogue";

export interface RunUser {
  username: string;
  password: string;
  /** Arguments of ACL SETUSER after the user name. */
  rules: string[];
}

/** The Redis commands a run's connections send: the catalogue plus MULTI/EXEC/DISCARD. */
const RUN_COMMANDS = [...new Set([...CATALOGUE.map((c) => c.method), ...TRANSACTION_COMMANDS])];

/**
 * A throwaway user per run: only its own key pattern, only the playground's commands. Defense
 * in depth behind the bridge's allowlist, which already refuses everything else. The commands
 * are listed one by one rather than as categories (+@read -@dangerous ...): that is exactly the
 * allowlist, and Redis applies it in a third less time than the category arithmetic - ACL
 * SETUSER is the costliest command of a run.
 */
export function runUser(runId: string): RunUser {
  const password = randomToken(12, "hex");
  return {
    username: runUsername(runId),
    password,
    rules: ["reset", "on", `>${password}`, aclKeyPattern(runId), "resetchannels", ...RUN_COMMANDS.map((c) => `+${c}`)],
  };
}

/** The name of a run's ACL user (the janitor deletes it by name after a crash). */
export function runUsername(runId: string): string {
  return `pg-run-${runId}`;
}
