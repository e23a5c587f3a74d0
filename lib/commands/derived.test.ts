// Everything that lists commands derives from the catalogue: the sandbox allowlist, the run's ACL
// user, the editor's types, the trace's write/read tables. A command added there shows up in all.
import { describe, expect, it } from "vitest";
import { CATALOGUE, TRANSACTION_COMMANDS } from "./catalogue";
import { ALLOWED_METHODS, methodKind, QUEUEABLE_METHODS } from "../runner/allowlist/allowlist";
import { ALLOWED_API_DTS } from "../runner/allowlist/api-dts";
import { runUser } from "../redis/acl";
import { isReadCommand, isWriteCommand, writtenKeys } from "../trace/analysis";

describe("tables derived from the catalogue", () => {
  const rules = new Set(runUser("derivedtest").rules);

  it("allowlist, ACL user and editor types name every catalogue command", () => {
    for (const c of CATALOGUE) {
      expect(ALLOWED_METHODS.has(c.method), c.method).toBe(true);
      expect(methodKind(c.method), c.method).toBe(c.family === "transactions" ? 1 : 2);
      expect(rules.has(`+${c.method}`), c.method).toBe(true);
      expect(ALLOWED_API_DTS, c.method).toContain(`  ${c.method}${c.sig};`);
      if (QUEUEABLE_METHODS.has(c.method)) expect(ALLOWED_API_DTS, c.method).toContain(`  ${c.method}${c.sig.replace(/\): Promise<.*>$/, "): this")};`);
    }
    for (const t of TRANSACTION_COMMANDS) expect(rules.has(`+${t}`)).toBe(true);
    // Nothing else: the ACL user gets exactly the catalogue and the transaction commands.
    expect([...rules].filter((r) => r.startsWith("+")).sort()).toEqual([...CATALOGUE.map((c) => `+${c.method}`), ...TRANSACTION_COMMANDS.map((t) => `+${t}`)].sort());
  });

  it("the trace's tables follow the catalogue's kinds and key rules", () => {
    for (const c of CATALOGUE) {
      const name = c.method.toUpperCase();
      expect(isWriteCommand(name), name).toBe(c.kind === "write");
      expect(isReadCommand(name), name).toBe(c.kind === "read");
    }
    expect(writtenKeys({ name: "MSET", args: ["a", "1", "b", "2"] })).toEqual(["a", "b"]);
    expect(writtenKeys({ name: "SMOVE", args: ["a", "b", "m"] })).toEqual(["a", "b"]);
    expect(writtenKeys({ name: "MULTI", args: [] })).toEqual([]);
  });
});
