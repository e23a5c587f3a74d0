/**
 * Where Monaco gets its web workers: bundled files from our own origin (no CDN, no blob: URLs).
 * The TypeScript worker (the largest download and the most CPU) waits until the editor is
 * interactive: `releaseLanguageWorker()` is called after the first frame of a mounted editor.
 */
let release: () => void = () => undefined;
const languageWorkerAllowed = new Promise<void>((resolve) => {
  release = resolve;
});

export function releaseLanguageWorker(): void {
  release();
}

if (typeof window !== "undefined") {
  self.MonacoEnvironment = {
    getWorker(_moduleId: string, label: string): Worker | Promise<Worker> {
      if (label === "typescript" || label === "javascript") {
        return languageWorkerAllowed.then(() => new Worker(new URL("./ts.worker.ts", import.meta.url), { type: "module", name: label }));
      }
      return new Worker(new URL("./editor.worker.ts", import.meta.url), { type: "module", name: label });
    },
  };
}
