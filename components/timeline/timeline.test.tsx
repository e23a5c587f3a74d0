// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { traceToText, type Trace } from "@/lib/trace";
import { bigRaceTrace, fixtures, recorded } from "@/lib/trace/fixtures";
import { Timeline } from "./timeline";

afterEach(cleanup);
beforeEach(() => window.history.replaceState(null, "", "/lessons/watch-basics"));

const lanes = () => screen.getByRole("group", { name: "Transaction timeline" }).querySelector<HTMLElement>("[aria-label^=\"Timeline lanes\"]")!;
const list = () => screen.getByRole("list", { name: /as a list/ });
// Lanes and the screen-reader list say the same things; query the lanes unless testing the list.
const inLanes = () => within(lanes());
const chip = (name: RegExp) => inLanes().getByRole("button", { name });
const whyRows = () => inLanes().queryAllByText(/^Why: /);
/** Lanes mount only rows in view: jump to the end to bring the last rows in. */
const toEnd = () => fireEvent.keyDown(lanes(), { key: "End" });

describe("Timeline", () => {
  it("shows a friendly empty state without a trace", () => {
    render(<Timeline trace={null} />);
    expect(screen.getByText("Run your code to see every command here")).toBeTruthy();
  });

  it("renders a clean run: lanes, chips with words, one committed attempt, no arrow", () => {
    render(<Timeline trace={fixtures.noConflict} />);
    expect(screen.getByTitle("A: your connection")).toBeTruthy();
    expect(chip(/^A, line 7: WATCH balance:1, reply "OK"$/).textContent).toContain("WATCH balance:1");
    expect(chip(/^A, line 8: GET balance:1, reply "100"$/).textContent).toContain('GET balance:1 → "100"');
    expect(chip(/SET balance:1 150, queued/).textContent).toMatch(/queued/);
    expect(chip(/EXEC, committed/).textContent).toMatch(/committed/);
    expect(inLanes().getByText("attempt 1 - committed")).toBeTruthy();
    expect(screen.getByText(/1 attempt$/)).toBeTruthy();
    expect(screen.queryByTestId("conflict-arrows")).toBeNull();
    expect(whyRows()).toHaveLength(0);
    expect(inLanes().getByRole("button", { name: /console.log at line 14: updated balance for user 1: 150/ })).toBeTruthy();
    // value track: header names the key and shows the final value
    expect(screen.getByTitle("Value of balance:1 as your code saw it").textContent).toContain('"150"');
  });

  it("explains one conflict with an arrow and a sentence", () => {
    render(<Timeline trace={fixtures.oneConflict} />);
    expect(screen.getByText("attempt 1 - WatchError")).toBeTruthy();
    expect(screen.getByText("attempt 2 - committed (retry)")).toBeTruthy();
    expect(chip(/EXEC, returned null: WatchError/).textContent).toMatch(/WatchError/);
    const write = chip(/^B: INCRBY balance:1 7, reply 107$/);
    expect(write.textContent).toMatch(/INCRBY balance:1 7\s*changed$/);
    expect(inLanes().getByText("Why: B changed balance:1 after A watched it, so A's EXEC was aborted.")).toBeTruthy();
    const arrow = screen.getByTestId("conflict-arrows").querySelector<SVGElement>("[data-exec-seq]")!;
    expect([arrow.dataset.writeSeq, arrow.dataset.execSeq]).toEqual(["4", "7"]);
    expect(screen.getByRole("button", { name: /Staged interference: B writes balance:1/ })).toBeTruthy();
  });

  it("shows every conflict of a run with many", () => {
    render(<Timeline trace={fixtures.manyConflicts} />);
    expect(inLanes().getAllByText("attempt 1 - WatchError")).toHaveLength(1);
    const items = within(list()).getAllByRole("listitem").map((li) => li.textContent);
    expect(items.filter((t) => /^A, attempt \d - WatchError/.test(t ?? ""))).toHaveLength(3);
    expect(items.filter((t) => t?.startsWith("Why: "))).toHaveLength(3);
    expect(items).toContain("A, attempt 4 - committed (retry):");
    expect(screen.getByText(/3 WatchErrors/)).toBeTruthy();
    toEnd();
    expect(inLanes().getByText("attempt 4 - committed (retry)")).toBeTruthy();
    expect(screen.getByTestId("conflict-arrows").querySelectorAll("[data-exec-seq]").length).toBeGreaterThanOrEqual(1);
  });

  it("shows an abort on a negative balance as unwatched, with no EXEC", () => {
    render(<Timeline trace={fixtures.abortNegative} />);
    expect(within(list()).getByText("A, attempt 3 - unwatched, nothing written:")).toBeTruthy();
    toEnd();
    expect(inLanes().getByText("attempt 3 - unwatched, nothing written")).toBeTruthy();
    expect(inLanes().getAllByRole("button", { name: /UNWATCH/ })).toHaveLength(1);
    expect(within(list()).getAllByText(/: EXEC/)).toHaveLength(2);
    expect(screen.getByTitle("Value of balance:15 as your code saw it")).toBeTruthy();
    expect(screen.getByText(/0 WatchErrors/)).toBeTruthy();
  });

  it("folds a long race and expands a run on demand", () => {
    render(<Timeline trace={fixtures.longRace} />);
    expect(within(list()).getAllByRole("listitem").filter((li) => /^A, attempt \d+ - WatchError/.test(li.textContent ?? ""))).toHaveLength(10);
    toEnd();
    fireEvent.click(screen.getByRole("button", { name: "Whole run" }));
    const expand = screen.getByRole("button", { name: /Show all \d+ commands of this group/ });
    const n = Number(/Show all (\d+)/.exec(expand.getAttribute("aria-label")!)![1]);
    expect(n).toBeGreaterThan(30);
    expect(chip(/^B: INCRBY score:1 50, \d+ times, replies \d+ to 2651$/).textContent).toContain(`× ${n}`);
    expect(inLanes().getByText("attempt 11 - committed (retry)")).toBeTruthy();
    fireEvent.click(expand);
    expect(screen.queryByRole("button", { name: /Show all \d+ commands/ })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: /Fold the \d+ repeated commands again/ }));
    expect(screen.getByRole("button", { name: /Show all \d+ commands of this group/ })).toBeTruthy();
  });

  it("gives each program connection and the plan client a lane", () => {
    render(<Timeline trace={fixtures.threeClients} />);
    for (const t of ["A: your connection", "B: connection 2 (duplicate)", "C: other client (staged)"]) expect(screen.getByTitle(t)).toBeTruthy();
    expect(chip(/KEYS \*, error: KEYS is not allowed/).textContent).toMatch(/error/);
    expect(screen.getByText("attempt 1 - discarded")).toBeTruthy();
    toEnd();
    expect(inLanes().getByText(/Run ended: error/)).toBeTruthy();
  });

  it("selecting a chip highlights its line and shows args, reply and timing", () => {
    const onSelectLine = vi.fn();
    render(<Timeline trace={fixtures.oneConflict} onSelectLine={onSelectLine} />);
    fireEvent.click(chip(/^A, line 8: GET balance:1, reply "100"$/));
    expect(onSelectLine).toHaveBeenLastCalledWith(8);
    const details = screen.getByRole("region", { name: "Details of the selected event" });
    expect(details.textContent).toContain('"100"');
    expect(details.textContent).toContain("+0.530 ms, took 0.090 ms");
    fireEvent.click(chip(/EXEC, returned null/));
    expect(onSelectLine).toHaveBeenLastCalledWith(9);
    const why = within(screen.getByRole("region", { name: "Details of the selected event" }));
    fireEvent.click(why.getByRole("button", { name: "Show B's write (step 4)" }));
    expect(onSelectLine).toHaveBeenLastCalledWith(null);
    expect(screen.getByRole("region", { name: "Details of the selected event" }).textContent).toContain("other client (staged)");
    fireEvent.click(screen.getByRole("button", { name: "Close details" }));
    expect(screen.queryByRole("region", { name: "Details of the selected event" })).toBeNull();
  });

  it("steps with the arrow keys, mirrors ?step=N and keeps other params", () => {
    window.history.replaceState(null, "", "/lessons/watch-basics?tab=run#editor");
    const onSelectLine = vi.fn();
    render(<Timeline trace={fixtures.oneConflict} onSelectLine={onSelectLine} />);
    fireEvent.keyDown(lanes(), { key: "ArrowRight" });
    expect(screen.getByText("Step 1 of 15")).toBeTruthy();
    expect(window.location.search).toBe("?tab=run&step=1");
    expect(window.location.hash).toBe("#editor");
    expect(onSelectLine).toHaveBeenLastCalledWith(7);
    fireEvent.keyDown(lanes(), { key: "ArrowRight" });
    fireEvent.keyDown(lanes(), { key: "ArrowRight" });
    fireEvent.keyDown(lanes(), { key: "ArrowLeft" });
    expect(window.location.search).toBe("?tab=run&step=2");
    expect(screen.getByText(/^Step 2 of 15: A, line 8: GET balance:1/)).toBeTruthy();
    // Before the replay reaches the EXEC, the attempt's outcome and the why stay hidden.
    expect(inLanes().queryByText("attempt 1 - WatchError")).toBeNull();
    expect(inLanes().getByText("attempt 1")).toBeTruthy();
    expect(screen.queryByTestId("conflict-arrows")).toBeNull();
    for (let i = 0; i < 5; i++) fireEvent.keyDown(lanes(), { key: "ArrowRight" });
    expect(screen.getByText("Step 7 of 15")).toBeTruthy();
    expect(inLanes().getByText("attempt 1 - WatchError")).toBeTruthy();
    expect(screen.getByTestId("conflict-arrows").querySelectorAll("[data-exec-seq]")).toHaveLength(1);
    fireEvent.keyDown(lanes(), { key: "End" });
    expect(screen.getByText("Step 15 of 15")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Whole run" }));
    expect(window.location.search).toBe("?tab=run");
    expect(screen.getByText("Whole run · 15 events")).toBeTruthy();
  });

  it("step buttons work and the current chip is marked", () => {
    render(<Timeline trace={fixtures.noConflict} />);
    fireEvent.click(screen.getByRole("button", { name: "Next step" }));
    fireEvent.click(screen.getByRole("button", { name: "Next step" }));
    expect(chip(/GET balance:1/).getAttribute("aria-current")).toBe("step");
    fireEvent.click(screen.getByRole("button", { name: "First step" }));
    expect(chip(/WATCH balance:1/).getAttribute("aria-current")).toBe("step");
    fireEvent.click(screen.getByRole("button", { name: "Go to step 5" }));
    expect(screen.getByText("Step 5 of 7")).toBeTruthy();
  });

  it("opens at the step named in the URL, and a new run starts over", () => {
    window.history.replaceState(null, "", "/lessons/watch-basics?step=7&x=1");
    const onSelectLine = vi.fn();
    const { rerender } = render(<Timeline trace={fixtures.oneConflict} onSelectLine={onSelectLine} />);
    expect(screen.getByText("Step 7 of 15")).toBeTruthy();
    expect(onSelectLine).toHaveBeenCalledWith(9);
    expect(chip(/EXEC, returned null/).getAttribute("aria-current")).toBe("step");
    rerender(<Timeline trace={fixtures.noConflict} onSelectLine={onSelectLine} />);
    expect(screen.getByText("Whole run · 7 events")).toBeTruthy();
    expect(window.location.search).toBe("?x=1");
  });

  it("keeps ?step=N when it is server-rendered with a trace and hydrated", async () => {
    window.history.replaceState(null, "", "/race/r1?step=7&x=1");
    const onSelectLine = vi.fn();
    const ui = <Timeline trace={fixtures.oneConflict} onSelectLine={onSelectLine} />;
    // The server has no URL: it renders the whole run.
    const host = document.createElement("div");
    host.innerHTML = renderToString(ui);
    document.body.append(host);
    expect(host.textContent).toContain("Whole run · 15 events");
    const errors = vi.spyOn(console, "error");
    let root: ReturnType<typeof hydrateRoot> | undefined;
    await act(async () => {
      root = hydrateRoot(host, ui);
    });
    expect(window.location.search).toBe("?step=7&x=1");
    expect(within(host).getByText("Step 7 of 15")).toBeTruthy();
    expect(onSelectLine).toHaveBeenLastCalledWith(9);
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
    act(() => root!.unmount());
    host.remove();
  });

  it("keeps the step and the selection while a live trace grows, and starts over on a new run", () => {
    const full = recorded.unit2Conflict;
    const upTo = (n: number): Trace => ({ ...full, events: full.events.slice(0, n).map((e) => ({ ...e })) });
    const { rerender } = render(<Timeline trace={upTo(6)} />);
    expect(screen.getByText("The run has not finished yet.")).toBeTruthy();
    fireEvent.keyDown(lanes(), { key: "ArrowRight" });
    fireEvent.keyDown(lanes(), { key: "ArrowRight" });
    expect(screen.getByText("Step 2 of 6")).toBeTruthy();
    fireEvent.click(chip(/^B, line 10: WATCH balance:1, reply "OK"$/));
    // New objects for the same events, plus more of them: the same run, still streaming.
    rerender(<Timeline trace={upTo(12)} />);
    expect(screen.getByText("Step 2 of 12")).toBeTruthy();
    expect(window.location.search).toBe("?step=2");
    expect(screen.getByRole("region", { name: "Details of the selected event" }).textContent).toContain("B, line 10: WATCH balance:1");
    rerender(<Timeline trace={full} />);
    expect(screen.getByText("Step 2 of 19")).toBeTruthy();
    expect(screen.queryByText("The run has not finished yet.")).toBeNull();
    // A different run (its first event differs) resets the view and the URL.
    rerender(<Timeline trace={recorded.unit1Plain} />);
    expect(screen.getByText("Whole run · 9 events")).toBeTruthy();
    expect(screen.queryByRole("region", { name: "Details of the selected event" })).toBeNull();
    expect(window.location.search).toBe("");
  });

  it("explains a real staged conflict: C's write, B's aborted EXEC, the retry", () => {
    const onSelectLine = vi.fn();
    render(<Timeline trace={recorded.unit2Conflict} onSelectLine={onSelectLine} />);
    expect(screen.getByTitle("C: other client (staged)")).toBeTruthy();
    expect(inLanes().getByText("attempt 1 - WatchError")).toBeTruthy();
    expect(inLanes().getByText("attempt 2 - committed (retry)")).toBeTruthy();
    expect(inLanes().getByText("Why: C changed balance:1 after B watched it, so B's EXEC was aborted.")).toBeTruthy();
    const arrow = screen.getByTestId("conflict-arrows").querySelector<SVGElement>("[data-exec-seq]")!;
    expect([arrow.dataset.writeSeq, arrow.dataset.execSeq]).toEqual(["4", "8"]);
    expect(chip(/^C: INCRBY balance:1 7, reply 107$/).textContent).toMatch(/changed$/);
    fireEvent.click(chip(/^B, line 14: EXEC, returned null: WatchError/));
    expect(onSelectLine).toHaveBeenLastCalledWith(14);
  });

  it("shows a command that failed inside a committed EXEC", () => {
    render(<Timeline trace={recorded.execError} />);
    const exec = chip(/EXEC, committed, results: error: ERR value is not an integer or out of range; "OK"$/);
    expect(exec.textContent).toContain("EXEC, 1 failed");
    fireEvent.click(exec);
    expect(screen.getByRole("region", { name: "Details of the selected event" }).textContent).toContain("ERR value is not an integer");
  });

  it("clamps a step beyond the run and ignores junk", () => {
    window.history.replaceState(null, "", "/?step=999");
    render(<Timeline trace={fixtures.noConflict} />);
    expect(screen.getByText("Step 7 of 7")).toBeTruthy();
    cleanup();
    window.history.replaceState(null, "", "/?step=abc");
    render(<Timeline trace={fixtures.noConflict} />);
    expect(screen.getByText("Whole run · 7 events")).toBeTruthy();
  });

  it("copies MONITOR-like text and downloads JSON", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const createObjectURL = vi.fn(() => "blob:trace");
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    render(<Timeline trace={fixtures.oneConflict} />);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Copy as text" })));
    expect(writeText).toHaveBeenCalledWith(traceToText(fixtures.oneConflict));
    expect(screen.getByText("Copied 15 lines")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Download JSON" }));
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(click).toHaveBeenCalledTimes(1);
    expect(revokeObjectURL).toHaveBeenCalledWith("blob:trace");
    click.mockRestore();
  });

  it("reports a blocked clipboard in words", async () => {
    Object.defineProperty(navigator, "clipboard", { value: { writeText: vi.fn().mockRejectedValue(new Error("denied")) }, configurable: true });
    render(<Timeline trace={fixtures.noConflict} />);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Copy as text" })));
    expect(screen.getByText(/Copy failed/)).toBeTruthy();
  });

  it("is readable as an ordered list", () => {
    render(<Timeline trace={fixtures.oneConflict} />);
    const items = within(list()).getAllByRole("listitem").map((li) => li.textContent);
    expect(list().tagName).toBe("OL");
    expect(items[0]).toBe("A, attempt 1 - WatchError:");
    expect(items).toContain("Why: B changed balance:1 after A watched it, so A's EXEC was aborted.");
    expect(items).toContain('A, line 8: GET balance:1, reply "100"');
  });

  it("renders a 5,000-event trace, mounting only the rows in view", () => {
    const big = bigRaceTrace(5000);
    const t0 = performance.now();
    render(<Timeline trace={big} />);
    const ms = performance.now() - t0;
    console.log(`timeline 5000 events first render ms: ${ms.toFixed(1)}`);
    const mounted = document.querySelectorAll("[data-row-kind]").length;
    expect(mounted).toBeGreaterThan(5);
    expect(mounted).toBeLessThan(100);
    fireEvent.keyDown(lanes(), { key: "End" });
    expect(screen.getByText("Step 5000 of 5000")).toBeTruthy();
    expect(screen.getByRole("button", { name: /Run ended: ok/ }).getAttribute("aria-current")).toBe("step");
  });
});
