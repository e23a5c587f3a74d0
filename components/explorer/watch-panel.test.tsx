// @vitest-environment jsdom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import type { CommandEvent, Trace } from "@/lib/trace";
import { WatchPanel } from "./watch-panel";

afterEach(cleanup);

const cmd = (seq: number, client: string, name: string, args: string[], extra: Partial<CommandEvent> = {}): CommandEvent => ({
  kind: "command",
  seq,
  at: seq,
  client,
  name,
  args,
  line: 5,
  queued: false,
  reply: "OK",
  ...extra,
});

it("shows per client what it watches, clean or dirty, and who dirtied it at which step", () => {
  const trace: Trace = {
    version: 1,
    clients: [],
    truncated: false,
    events: [
      cmd(1, "B", "WATCH", ["likes:99"]),
      cmd(2, "C", "WATCH", ["likes:99"]),
      cmd(3, "B", "GET", ["likes:99"], { reply: "150" }),
      cmd(4, "B", "MULTI", []),
      cmd(5, "B", "SET", ["likes:99", "165"], { queued: true, reply: "QUEUED" }),
      cmd(6, "B", "EXEC", [], { reply: ["OK"], outcome: "committed" }),
    ],
  };
  const steps = [
    { client: "B", pending: "BC", seq: 1 },
    { client: "C", pending: "BC", seq: 2 },
    { client: "B", pending: "BC", seq: 3 },
    { client: "B", pending: "BC", seq: 4 },
  ];
  const lanes = ["A", "B", "C"].map((client) => ({ client, label: "x", origin: "program" as const, done: false }));
  render(<WatchPanel trace={trace} lanes={lanes} steps={steps} />);
  expect(screen.getByTestId("watch-A").textContent).toBe("A watches nothing");
  // B's EXEC ended its WATCH; C's key was dirtied by B's commit, at step 4.
  expect(screen.getByTestId("watch-B").textContent).toBe("B watches nothing");
  const c = screen.getByTestId("watch-C").querySelector('[data-key="likes:99"]')!;
  expect(c.getAttribute("data-state")).toBe("dirty");
  expect(c.textContent).toContain("dirty: changed by B at step 4");
});
