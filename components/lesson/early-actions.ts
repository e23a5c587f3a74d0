/**
 * Run, the staged races and Check take clicks (and Ctrl/Cmd+Enter in the code, Ctrl/Cmd+Shift+Enter
 * anywhere) from the first paint, a second or so before the page has hydrated: an inline script
 * in the page's HTML keeps the first such request, marks its button as starting, and hands it to
 * the workbench when it hydrates, which then runs it on the code the textarea holds.
 */

import { CODE_VIEW_DOM } from "@/components/code-view/code-view-dom";

/** The attribute a button that works before hydration carries: the action it stands for. */
export const EARLY_ACTION_ATTR = "data-early-action";

export type EarlyAction = { kind: "run"; scenarioId?: string } | { kind: "check" };

/** The attribute's value for an action (one spelling for the buttons and the script). */
export function earlyActionName(action: EarlyAction): string {
  if (action.kind === "check") return "check";
  return action.scenarioId === undefined ? "run" : `scenario:${action.scenarioId}`;
}

function parse(name: string): EarlyAction | null {
  if (name === "run") return { kind: "run" };
  if (name === "check") return { kind: "check" };
  return name.startsWith("scenario:") ? { kind: "run", scenarioId: name.slice("scenario:".length) } : null;
}

declare global {
  interface Window {
    /** Installed by earlyActionsScript; `take` stops it and returns what was asked for. */
    __rtpEarly?: { take(): string | null };
  }
}

/**
 * Called once, when the workbench hydrates: stops the early listeners (from here on React's
 * handlers answer) and returns the request made before, if any.
 */
export function takeEarlyAction(): EarlyAction | null {
  const early = window.__rtpEarly;
  if (!early) return null;
  delete window.__rtpEarly;
  const name = early.take();
  return name === null ? null : parse(name);
}

/**
 * The script, inlined before the workbench's HTML (so it listens before any button is painted).
 * Listeners on the document in the capture phase, stopped at the first handler: a request goes
 * either to this queue or, once taken, to React - never to both. The keys are the ones
 * shortcuts.ts (Check) and the code editor (Run) bind after hydration; while one request waits,
 * further ones are ignored, as they would be while a run is going.
 */
export function earlyActionsScript(): string {
  const attr = JSON.stringify(EARLY_ACTION_ATTR);
  const input = JSON.stringify(CODE_VIEW_DOM.input);
  return `(function(){var A=${attr},q=null;
function find(n){return document.querySelector("["+A+"=\\""+n+"\\"]")}
function queue(n,b){if(q!==null||!b||b.disabled)return;q=n;b.setAttribute("data-queued","");b.setAttribute("aria-busy","true")}
function click(e){var b=e.target&&e.target.closest?e.target.closest("["+A+"]"):null;if(!b)return;e.preventDefault();e.stopImmediatePropagation();queue(b.getAttribute(A),b)}
function key(e){if(e.key!=="Enter"||!(e.ctrlKey||e.metaKey)||e.altKey||e.repeat||e.isComposing)return;
var n=e.shiftKey?"check":"run";if(n==="run"&&!(e.target&&e.target.closest&&e.target.closest(${input})))return;
var b=find(n);if(!b)return;e.preventDefault();e.stopImmediatePropagation();queue(n,b)}
document.addEventListener("click",click,true);document.addEventListener("keydown",key,true);
window.__rtpEarly={take:function(){document.removeEventListener("click",click,true);document.removeEventListener("keydown",key,true);
var b=document.querySelector("[data-queued]");if(b){b.removeAttribute("data-queued");b.removeAttribute("aria-busy")}var n=q;q=null;return n}}})();`;
}
