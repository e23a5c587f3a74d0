// The catalogue is hand-written data: it must agree with what ioredis and Redis say of each
// command, or the bounds, the ACL rules and the trace would each see something else.
import { describe, expect, it } from "vitest";
import { exists, getKeyIndexes, hasFlag } from "@ioredis/commands";
import Redis from "ioredis";
import { CATALOGUE, commandSpec, INTEGER_COUNTER_NAMES, TRANSACTION_COMMANDS } from "./catalogue";
import { keyPositions, storedPositions } from "./spec";

const SAMPLE = ["a", "b", "c", "d", "e", "f"];

describe("the command catalogue", () => {
  it("lists each command once, as an ioredis method Redis knows", () => {
    const methods = CATALOGUE.map((c) => c.method);
    expect(new Set(methods).size).toBe(methods.length);
    for (const m of [...methods, ...TRANSACTION_COMMANDS]) {
      expect(exists(m), m).toBe(true);
      expect(typeof (Redis.prototype as unknown as Record<string, unknown>)[m], m).toBe("function");
    }
  });

  it("has the key positions @ioredis/commands gives (what ioredis prefixes)", () => {
    for (const c of CATALOGUE) {
      for (const n of [1, 2, 5, 6]) {
        const args = SAMPLE.slice(0, n);
        let expected: number[];
        try {
          expected = getKeyIndexes(c.method, args).filter((i) => i < n);
        } catch {
          continue;
        }
        expect(keyPositions(c.keys, n), `${c.method} with ${n} args`).toEqual(expected);
      }
    }
  });

  it("says write exactly when Redis flags the command write, read exactly when readonly", () => {
    for (const c of CATALOGUE) {
      expect(c.kind === "write", c.method).toBe(hasFlag(c.method, "write"));
      expect(c.kind === "read", c.method).toBe(hasFlag(c.method, "readonly"));
    }
  });

  it("gives every write that stores data a memory effect, and offsets and counts their argument", () => {
    for (const c of CATALOGUE) {
      if (c.stores) expect(c.holds, c.method).toBeDefined();
      if (c.cost.includes("count") || c.holds === "range") expect(c.sizeArg, c.method).toBeDefined();
      if (c.forms.includes("object") || c.forms.includes("map")) expect(["mset", "msetnx", "hset", "hmset"]).toContain(c.method);
    }
    expect(storedPositions(commandSpec("mset")!.stores, 6)).toEqual([1, 3, 5]);
    expect(storedPositions(commandSpec("setex")!.stores, 3)).toEqual([2]);
    expect(storedPositions(commandSpec("hset")!.stores, 5)).toEqual([1, 2, 3, 4]);
  });

  it("finds entries by method or trace name, and knows the counters", () => {
    expect(commandSpec("INCRBY")?.counter).toEqual({ sign: 1, by: "arg" });
    expect(commandSpec("multi")).toBeUndefined();
    expect([...INTEGER_COUNTER_NAMES].sort()).toEqual(["DECR", "DECRBY", "INCR", "INCRBY"]);
  });
});
