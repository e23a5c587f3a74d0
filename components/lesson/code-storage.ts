import { CODE_VIEW_DOM } from "@/components/code-view/code-view-dom";

/** The learner's code per unit, kept in this browser so a reload never loses work. */
const key = (slug: string) => `rtp:code:${slug}`;

export function loadSavedCode(slug: string): string | null {
  try {
    return localStorage.getItem(key(slug));
  } catch {
    return null;
  }
}

export function saveCode(slug: string, code: string): void {
  try {
    localStorage.setItem(key(slug), code);
  } catch {
    // Storage full or disabled: the editor keeps working, the code just won't survive a reload.
  }
}

/**
 * Inlined right after the workbench's HTML, so it runs before the first paint and long before
 * hydration: the code view's textarea (typeable from the start) gets the saved code instead of
 * the server's starter, so early typing never lands on the wrong text. Until hydration the
 * colours cannot follow the text, so the view shows it plain (cv-plain) once it differs.
 */
export function restoreSavedCodeScript(slug: string): string {
  const js = (value: string) => JSON.stringify(value).replace(/</g, "\\u003c");
  const { input, live, plain } = CODE_VIEW_DOM;
  return `(function(){var t=document.querySelector(${js(input)});if(!t)return;var v=t.closest(".code-view");function plain(){if(!v.classList.contains(${js(live)}))v.classList.add(${js(plain)})}try{var s=localStorage.getItem(${js(key(slug))});if(s!==null&&s!==t.value){t.value=s;plain()}}catch(e){}t.addEventListener("input",plain)})();`;
}
