// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LaneBoard } from "./lane-board";

afterEach(cleanup);

const lanes = [
  { client: "A", label: "new Redis() on line 3", origin: "program" as const, done: false },
  { client: "B", label: "duplicate() on line 7", origin: "program" as const, done: false },
  { client: "C", label: "duplicate() on line 7", origin: "program" as const, done: true },
];
const frontier = [
  {
    client: "B",
    name: "MULTI",
    args: [],
    line: 12,
    batch: [
      { name: "MULTI", args: [] },
      { name: "SET", args: ["likes:99", "165"] },
      { name: "EXEC", args: [] },
    ],
  },
];

describe("the lane board", () => {
  it("names each lane's next command for screen readers, with its key, and lets only waiting lanes go", () => {
    const choose = vi.fn();
    render(<LaneBoard lanes={lanes} frontier={frontier} steps={4} busy={false} onChoose={choose} />);
    const b = screen.getByTestId("lane-B");
    expect(b.getAttribute("aria-label")).toBe("B, duplicate() on line 7: next MULTI, SET likes:99 165, EXEC on line 12. Press 2 to let it go.");
    expect(b.getAttribute("aria-keyshortcuts")).toBe("2");
    expect(b.getAttribute("data-exec")).toBe("true");
    expect(screen.getByTestId("lane-C").getAttribute("aria-label")).toBe("C, duplicate() on line 7: finished");
    expect((screen.getByTestId("lane-A") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(b);
    fireEvent.click(screen.getByTestId("lane-A"));
    expect(choose.mock.calls).toEqual([["B"]]);
    expect(screen.getByTestId("lanes-announcement").textContent).toBe("After 4 steps. B next: MULTI, SET likes:99 165, EXEC.");
    // Never color alone: the state is in words.
    expect(screen.getByTestId("lane-C").textContent).toContain("finished");
    expect(b.textContent).toContain("ends a transaction");
  });

  it("read-only for the audience: no keys, nothing to press", () => {
    render(<LaneBoard lanes={lanes} frontier={frontier} steps={4} busy={false} />);
    const b = screen.getByTestId("lane-B") as HTMLButtonElement;
    expect(b.disabled).toBe(true);
    expect(b.getAttribute("aria-label")).not.toContain("Press");
  });
});
