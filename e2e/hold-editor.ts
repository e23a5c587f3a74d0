import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

/** Monaco's chunks are hundreds of KB each; the app's own that name its class are a few KB. */
const MONACO_CHUNK_MIN_BYTES = 200_000;
const CHUNKS = path.join(process.cwd(), ".next", "static", "chunks");

let monacoChunks: Set<string> | undefined;

/**
 * The build's Monaco chunks, by file name: every large script whose code names Monaco's own CSS
 * class (the app's own chunks may name it too, e.g. the shortcuts that leave keys in the editor
 * to Monaco). Read once per worker from the build the server under test serves.
 */
function monacoChunkNames(): Set<string> {
  monacoChunks ??= new Set(
    readdirSync(CHUNKS, { recursive: true, encoding: "utf8" }).filter((name) => {
      const file = path.join(CHUNKS, name);
      return name.endsWith(".js") && statSync(file).size > MONACO_CHUNK_MIN_BYTES && readFileSync(file, "utf8").includes("monaco-editor");
    }).map((name) => path.basename(name)),
  );
  return monacoChunks;
}

/**
 * Holds Monaco back on this page: its chunks are refused, so the unit page stays on the
 * server-rendered code view (where Run, the staged races and the test hook work; first-paint
 * proves it). Tests that never look at the editor save the ~3 CPU-seconds a visit costs to start
 * Monaco and its TypeScript worker - time the other test worker on a 2-core machine needs too.
 */
export async function holdBackEditor(page: Page): Promise<{ held: () => number }> {
  const names = monacoChunkNames();
  let held = 0;
  await page.route(
    (url) => url.pathname.startsWith("/_next/static/chunks/") && names.has(path.posix.basename(url.pathname)),
    (route) => {
      held += 1;
      return route.abort();
    },
  );
  return { held: () => held };
}

/**
 * How to open a page while its scripts are held: wait for the HTML, not for "load". The editor's
 * import starts as soon as its chunk runs, usually just after "load". When anything keeps "load"
 * late (on a busy machine, any slow file), the import starts first, and a script asked for before
 * "load" holds it back until that script arrives: with the script held, page.goto ran out its
 * 60 s in CI. (Shown by holding an image the page asks for at DOMContentLoaded: "load" then came
 * only after release.)
 */
export const untilHtml = { waitUntil: "domcontentloaded" } as const;

/**
 * Delays Monaco on this page until `release()`: its chunks wait, then load as usual. For tests of
 * what happens before the editor arrives and at the moment it takes over. Open the page with
 * `untilHtml`.
 */
export async function delayEditor(page: Page): Promise<{ release: () => void }> {
  const names = monacoChunkNames();
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname.startsWith("/_next/static/chunks/") && names.has(path.posix.basename(url.pathname)),
    async (route) => {
      await released;
      // The page that asked may be gone by then (the test moved on): nothing left to answer.
      await route.continue().catch(() => undefined);
    },
  );
  return { release };
}

/**
 * Delays all of the page's scripts until `release()`: the page stays as the server sent it (not
 * hydrated), for tests of what works before hydration. Open the page with `untilHtml`.
 */
export async function delayHydration(page: Page): Promise<{ release: () => void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname.startsWith("/_next/static/chunks/") && url.pathname.endsWith(".js"),
    async (route) => {
      await released;
      await route.continue();
    },
  );
  return { release };
}
