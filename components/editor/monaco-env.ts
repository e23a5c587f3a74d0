/**
 * Where Monaco gets its web workers: bundled files from our own origin (no CDN, no blob: URLs).
 * The TypeScript worker is asked for only once the language service has started, which happens
 * after the editor's first frame (typescript-service.ts).
 */
if (typeof window !== "undefined") {
  self.MonacoEnvironment = {
    getWorker(_moduleId: string, label: string): Worker {
      if (label === "typescript" || label === "javascript") {
        return new Worker(new URL("./ts.worker.ts", import.meta.url), { type: "module", name: label });
      }
      return new Worker(new URL("./editor.worker.ts", import.meta.url), { type: "module", name: label });
    },
  };
}
