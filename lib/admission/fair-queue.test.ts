import { describe, expect, it } from "vitest";
import { FairQueue } from "./fair-queue";

const drain = <T>(q: FairQueue<T>) => {
  const out: string[] = [];
  for (let n = q.shift(); n; n = q.shift()) out.push(`${n.client}:${String(n.item)}`);
  return out;
};

describe("the fair queue", () => {
  it("serves clients in turn, each client's items in order", () => {
    const q = new FairQueue<number>(100);
    for (let i = 1; i <= 4; i++) q.push("burst", i);
    q.push("alice", 1);
    q.push("bob", 1);
    q.push("alice", 2);
    expect(drain(q)).toEqual(["burst:1", "alice:1", "bob:1", "burst:2", "alice:2", "burst:3", "burst:4"]);
    expect(q.size).toBe(0);
  });

  it("a newcomer waits behind at most one item of a client with many waiting", () => {
    const q = new FairQueue<number>(100);
    for (let i = 1; i <= 50; i++) q.push("burst", i);
    expect(q.aheadOf("newcomer")).toBe(1);
    q.push("newcomer", 1);
    expect(drain(q).slice(0, 2)).toEqual(["burst:1", "newcomer:1"]);
  });

  it("counts ahead of a client's next item: its own lane plus one per round of every other", () => {
    const q = new FairQueue<string>(100);
    q.push("a", "a1");
    q.push("a", "a2");
    q.push("a", "a3");
    q.push("b", "b1");
    expect(q.aheadOf("b")).toBe(3); // rounds = 2: a1, a2 and b's own b1
    expect(q.aheadOf("a")).toBe(4); // rounds = 4: a's 3 and b1
  });

  it("refuses items beyond its capacity and accepts again once served", () => {
    const q = new FairQueue<number>(2);
    expect(q.push("a", 1)).toBe(true);
    expect(q.push("b", 1)).toBe(true);
    expect(q.push("c", 1)).toBe(false);
    expect(q.size).toBe(2);
    q.shift();
    expect(q.push("c", 1)).toBe(true);
  });

  it("removes an item wherever it waits, and its client's turn goes with its last item", () => {
    const q = new FairQueue<string>(10);
    q.push("a", "a1");
    q.push("b", "b1");
    q.push("a", "a2");
    expect(q.remove("a", "a1")).toBe(true);
    expect(q.remove("a", "a1")).toBe(false);
    expect(q.sizeOf("a")).toBe(1);
    expect(q.remove("b", "b1")).toBe(true);
    expect(drain(q)).toEqual(["a:a2"]);
  });
});
