// @vitest-environment jsdom
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { CODE_VIEW_DOM } from "@/components/code-view/code-view-dom";
import { earlyActionsScript, takeEarlyAction } from "./early-actions";
import { RunToolbar } from "./run-toolbar";
import type { WorkbenchUnit } from "./types";

const unit = (graded: boolean): WorkbenchUnit => ({
  slug: "u",
  kind: graded ? "exercise" : "practice",
  title: "U",
  starter: "",
  graded,
  hasSolution: false,
  expectedFinal: {},
  scenarios: [{ id: "race", label: "Stage a race", description: "" }],
});

/** The page as the server sends it (the toolbar as before hydration, a code textarea), with the script run. */
function serverPage(graded: boolean) {
  const toolbar = renderToString(<RunToolbar unit={unit(graded)} pending={false} ready={false} onRun={() => undefined} onCheck={graded ? () => undefined : undefined} onReset={() => undefined} />);
  document.body.innerHTML = `<div class="code-view"><textarea data-testid="code-input"></textarea></div><p id="prose">text</p>${toolbar}`;
  new Function(earlyActionsScript())();
  const button = (id: string) => document.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!;
  return { button, input: document.querySelector<HTMLTextAreaElement>(CODE_VIEW_DOM.input)! };
}

const ctrlEnter = (target: Element, shiftKey = false) =>
  target.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true, shiftKey, bubbles: true, cancelable: true }));

afterEach(() => {
  takeEarlyAction();
  document.body.innerHTML = "";
});

describe("early actions (Run, races and Check before hydration)", () => {
  it("the server renders Run, the races and Check enabled, Reset disabled until hydration", () => {
    const { button } = serverPage(true);
    expect(["run-button", "scenario-race", "check-button"].map((id) => button(id).disabled)).toEqual([false, false, false]);
    expect(button("reset-button").disabled).toBe(true);
  });

  it("keeps the first click, marks its button as starting, and hands it over once", () => {
    const { button } = serverPage(false);
    button("scenario-race").click();
    button("run-button").click();
    expect(button("scenario-race").getAttribute("aria-busy")).toBe("true");
    expect(button("run-button").hasAttribute("data-queued")).toBe(false);
    expect(takeEarlyAction()).toEqual({ kind: "run", scenarioId: "race" });
    expect(button("scenario-race").hasAttribute("data-queued")).toBe(false);
    expect(button("scenario-race").hasAttribute("aria-busy")).toBe(false);
    expect(takeEarlyAction()).toBeNull();
  });

  it("after the hand-over, clicks reach the page's own handlers again", () => {
    const { button } = serverPage(false);
    let heard = 0;
    button("run-button").addEventListener("click", () => (heard += 1));
    button("run-button").click();
    expect(heard).toBe(0);
    expect(takeEarlyAction()).toEqual({ kind: "run" });
    button("run-button").click();
    expect(heard).toBe(1);
    expect(takeEarlyAction()).toBeNull();
  });

  it("Ctrl+Enter in the code asks for a Run; elsewhere it does nothing", () => {
    serverPage(false);
    expect(ctrlEnter(document.getElementById("prose")!)).toBe(true); // not prevented
    expect(takeEarlyAction()).toBeNull();

    const { input } = serverPage(false);
    expect(ctrlEnter(input)).toBe(false); // prevented: no newline typed
    expect(takeEarlyAction()).toEqual({ kind: "run" });
  });

  it("Ctrl+Shift+Enter asks for a Check on a graded unit, and is left alone on one without Check", () => {
    ctrlEnter(serverPage(true).input, true);
    expect(takeEarlyAction()).toEqual({ kind: "check" });

    expect(ctrlEnter(serverPage(false).input, true)).toBe(true); // not prevented
    expect(takeEarlyAction()).toBeNull();
  });
});
