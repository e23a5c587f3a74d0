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
