/** Theme state lives on <html class="dark"> so CSS, Monaco and the toggle share one source. */
export const THEME_STORAGE_KEY = "rtp:theme";

type Listener = () => void;

export function subscribeTheme(onChange: Listener): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

export function isDarkNow(): boolean {
  return document.documentElement.classList.contains("dark");
}

export function setTheme(dark: boolean): void {
  document.documentElement.classList.toggle("dark", dark);
  try {
    localStorage.setItem(THEME_STORAGE_KEY, dark ? "dark" : "light");
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

/**
 * Until the learner picks a theme with the toggle, the page follows the system's, also when it
 * changes while the page is open (an OS that turns dark at sunset, a projector profile).
 */
export function followSystemTheme(): () => void {
  const query = window.matchMedia("(prefers-color-scheme: dark)");
  const onChange = () => {
    let chosen: string | null = null;
    try {
      chosen = localStorage.getItem(THEME_STORAGE_KEY);
    } catch {
      // Storage disabled: nothing was chosen that could last.
    }
    if (chosen === null) document.documentElement.classList.toggle("dark", query.matches);
  };
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/**
 * Runs in <head> before the first paint, so a dark-theme visitor never sees a light flash.
 * Kept tiny and dependency-free because it is inlined as a string.
 */
export const THEME_BOOT_SCRIPT = `(function(){try{var t=localStorage.getItem(${JSON.stringify(
  THEME_STORAGE_KEY,
)});var d=t?t==="dark":window.matchMedia("(prefers-color-scheme: dark)").matches;document.documentElement.classList.toggle("dark",d);}catch(e){}})();`;
