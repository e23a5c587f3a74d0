// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { attempts } from "@/lib/trace";
import { fixtures, recorded } from "@/lib/trace/fixtures";
import type { Trace } from "@/lib/trace";
import { arrowPoints } from "./arrow-geometry";
import { phaseModel, phaseStates } from "./phases";
import { buildRows, ROW_HEIGHT } from "./rows";
import { formatAt } from "./time-format";
import { Timeline } from "./timeline";

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});
beforeEach(() => window.history.replaceState(null, "", "/lessons/watch-basics"));

const lanes = () => screen.getByRole("group", { name: "Transaction timeline" }).querySelector<HTMLElement>('[aria-label^="Timeline lanes"]')!;
const legendState = (phase: string) => screen.getByTestId("phase-legend").querySelector(`[data-phase="${phase}"]`)?.getAttribute("data-state");

describe("the step column", () => {
  it("gives every time its unit, at any duration", () => {
    expect(formatAt(0.53)).toBe("0.5 ms");
    expect(formatAt(999.94)).toBe("999.9 ms");
    expect(formatAt(1046.6)).toBe("1.05 s");
    expect(formatAt(11046.6)).toBe("11.05 s");
    expect(formatAt(150_000)).toBe("2.5 min");
  });

  it("shows a late step's time whole, with its unit, and says what the two numbers are", () => {
    const base = fixtures.noConflict;
    const late: Trace = { ...base, events: base.events.map((e, i) => (i === 1 ? { ...e, at: 11046.6 } : e)) };
    render(<Timeline trace={late} />);
    const go = within(lanes()).getByRole("button", { name: "Go to step 2" });
    expect(go.textContent).toBe("211.05 s");
    expect(go.getAttribute("title")).toBe("Step 2, 11.05 s after the run started");
    expect(within(lanes()).getByTitle("Step number, and the time since the run started").textContent).toBe("steptime");
  });
});

describe("one numbering for steps", () => {
  it("names events by their step in the details and in the conflict links", () => {
    render(<Timeline trace={recorded.unit2Conflict} />);
    fireEvent.click(within(lanes()).getByRole("button", { name: /EXEC, returned null: WatchError/ }));
    const details = screen.getByRole("region", { name: "Details of the selected event" });
    expect(details.textContent).not.toMatch(/seq/);
    expect(within(details).getByText("Step").nextElementSibling?.textContent).toBe("8");
    fireEvent.click(within(details).getByRole("button", { name: "Show C's write (step 4)" }));
    expect(screen.getByRole("region", { name: "Details of the selected event" }).textContent).toContain("Show the aborted EXEC (step 8)");
  });
});

describe("the conflict arrow", () => {
  it("runs down the writer's lane and along the EXEC's own row into the EXEC chip", () => {
    const trace = recorded.unit2Conflict;
    const model = buildRows(trace, new Set());
    const c = model.conflicts[0]!;
    const writeRow = model.rowOfEvent[c.writeSeq - 1]!;
    const execRow = model.rowOfEvent[c.execSeq - 1]!;
    const execTop = model.offsets[execRow]!;
    const weights = [1, 1, 1];
    // Lanes A, B, C over 600 px: C (lane 2) dirtied B's (lane 1) watch.
    const p = arrowPoints({ weights, width: 600, writerLane: 2, execLane: 1, writeRowTop: model.offsets[writeRow]!, execRowTop: execTop, rowHeight: ROW_HEIGHT.event });
    expect(p.start.x).toBeGreaterThan(400);
    expect(p.corner.x).toBe(p.start.x);
    // The head is on the EXEC's row (not the queued SET's above it), at B's lane edge, pointing left.
    expect(p.end.y).toBe(execTop + ROW_HEIGHT.event / 2);
    expect(p.corner.y).toBe(p.end.y);
    expect(p.end.x).toBe(398);
    expect(p.end.x).toBeLessThan(p.corner.x);
    const queuedAbove = model.offsets[execRow - 1]!;
    expect(p.end.y).toBeGreaterThan(queuedAbove + ROW_HEIGHT.event);
    // A writer to the left points right, into the EXEC lane's left edge.
    const q = arrowPoints({ weights, width: 600, writerLane: 0, execLane: 1, writeRowTop: 0, execRowTop: 200, rowHeight: 40 });
    expect([q.end.x, q.end.y]).toEqual([198, 220]);
    expect(q.end.x).toBeGreaterThan(q.corner.x);
  });

  it("draws that path on the timeline", () => {
    render(<Timeline trace={recorded.unit2Conflict} />);
    const arrow = screen.getByTestId("conflict-arrows").querySelector("path[data-exec-seq]")!;
    const model = buildRows(recorded.unit2Conflict, new Set());
    const execTop = model.offsets[model.rowOfEvent[7]!]!;
    const points = arrow.getAttribute("d")!.match(/-?[\d.]+,-?[\d.]+/g)!;
    expect(points).toHaveLength(3);
    expect(Number(points[2]!.split(",")[1])).toBe(execTop + 20);
  });
});

describe("replay", () => {
  it("plays step by step at the chosen speed, pauses, and stops at the end", () => {
    vi.useFakeTimers();
    render(<Timeline trace={fixtures.noConflict} />);
    fireEvent.click(screen.getByTestId("replay-toggle"));
    expect(screen.getByText("Step 1 of 7")).toBeTruthy();
    expect(screen.getByTestId("replay-toggle").textContent).toBe("Pause");
    act(() => vi.advanceTimersByTime(500));
    expect(screen.getByText("Step 2 of 7")).toBeTruthy();
    fireEvent.change(screen.getByTestId("replay-speed"), { target: { value: "fastest" } });
    act(() => vi.advanceTimersByTime(80));
    expect(screen.getByText("Step 3 of 7")).toBeTruthy();
    fireEvent.click(screen.getByTestId("replay-toggle"));
    act(() => vi.advanceTimersByTime(2000));
    expect(screen.getByText("Step 3 of 7")).toBeTruthy();
    fireEvent.click(screen.getByTestId("replay-toggle"));
    for (let i = 0; i < 10; i++) act(() => vi.advanceTimersByTime(80));
    expect(screen.getByText("Step 7 of 7")).toBeTruthy();
    expect(screen.getByTestId("replay-toggle").textContent).toBe("Replay");
  });

  it("space on the lanes plays and pauses", () => {
    vi.useFakeTimers();
    render(<Timeline trace={fixtures.noConflict} />);
    fireEvent.keyDown(lanes(), { key: " " });
    expect(screen.getByTestId("replay-toggle").getAttribute("aria-pressed")).toBe("true");
    fireEvent.keyDown(lanes(), { key: " " });
    expect(screen.getByTestId("replay-toggle").getAttribute("aria-pressed")).toBe("false");
  });
});

describe("the phase legend", () => {
  it("lights WATCH -> read -> MULTI -> EXEC -> null -> retry as the steps pass them", () => {
    render(<Timeline trace={fixtures.oneConflict} />);
    // The whole run passed every phase of a conflict and its retry.
    for (const p of ["watch", "read", "multi", "exec", "aborted", "retry"]) expect(`${p}: ${legendState(p)}`).toBe(`${p}: done`);
    fireEvent.keyDown(lanes(), { key: "ArrowRight" });
    expect(legendState("watch")).toBe("now");
    expect(legendState("read")).toBe("ahead");
    fireEvent.keyDown(lanes(), { key: "ArrowRight" });
    expect(legendState("read")).toBe("now");
    expect(legendState("watch")).toBe("done");
    for (let i = 0; i < 5; i++) fireEvent.keyDown(lanes(), { key: "ArrowRight" });
    expect(screen.getByText("Step 7 of 15")).toBeTruthy();
    expect(legendState("aborted")).toBe("now");
    expect(legendState("exec")).toBe("done");
    expect(legendState("retry")).toBe("ahead");
    // Not color alone: the state is in words for assistive tech too.
    expect(screen.getByTestId("phase-legend").querySelector('[data-phase="aborted"]')?.textContent).toContain("now");
  });

  it("marks phases a run never reaches", () => {
    const model = phaseModel(fixtures.noConflict, attempts(fixtures.noConflict));
    const states = phaseStates(model, null);
    expect(states.aborted).toBe("absent");
    expect(states.retry).toBe("absent");
    expect(states.exec).toBe("done");
  });
});

describe("editor line -> its commands", () => {
  it("selects the clicked line's commands in turn, or says it sent none", () => {
    const onSelectLine = vi.fn();
    // A request made before this run's view existed is not replayed onto it.
    const { rerender } = render(<Timeline trace={fixtures.oneConflict} onSelectLine={onSelectLine} lineRequest={{ line: 7, nonce: 0 }} />);
    expect(screen.queryByTestId("line-note")).toBeNull();
    rerender(<Timeline trace={fixtures.oneConflict} onSelectLine={onSelectLine} lineRequest={{ line: 8, nonce: 1 }} />);
    const gets = within(lanes()).getAllByRole("button", { name: /^A, line 8: GET balance:1/ });
    expect(gets.length).toBe(2);
    expect(gets[0]!.getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByTestId("line-note").textContent).toBe("Line 8: 2 events in this run");
    rerender(<Timeline trace={fixtures.oneConflict} onSelectLine={onSelectLine} lineRequest={{ line: 8, nonce: 2 }} />);
    expect(within(lanes()).getAllByRole("button", { name: /^A, line 8: GET balance:1/ })[1]!.getAttribute("aria-pressed")).toBe("true");
    rerender(<Timeline trace={fixtures.oneConflict} onSelectLine={onSelectLine} lineRequest={{ line: 99, nonce: 3 }} />);
    expect(screen.getByTestId("line-note").textContent).toBe("Line 99 sent no Redis command in this run");
    expect(onSelectLine).toHaveBeenLastCalledWith(null);
  });
});

describe("share this run", () => {
  it("shows a link to the step on screen, or says why it could not share", async () => {
    const share = vi.fn().mockResolvedValue({ ok: true, id: "A".repeat(24) });
    render(<Timeline trace={fixtures.noConflict} share={share} />);
    fireEvent.keyDown(lanes(), { key: "ArrowRight" });
    fireEvent.keyDown(lanes(), { key: "ArrowRight" });
    await act(async () => fireEvent.click(screen.getByTestId("share-run")));
    expect(share).toHaveBeenCalledTimes(1);
    expect((screen.getByTestId("share-url") as HTMLInputElement).value).toBe(`${window.location.origin}/runs/${"A".repeat(24)}?step=2`);
    expect(screen.getByTestId("share-panel").textContent).toContain("for 24 hours");
    cleanup();
    const refused = vi.fn().mockResolvedValue({ ok: false, message: "This run is too large to share." });
    render(<Timeline trace={fixtures.noConflict} share={refused} />);
    await act(async () => fireEvent.click(screen.getByTestId("share-run")));
    expect(screen.getByRole("alert").textContent).toBe("This run is too large to share.");
  });
});
