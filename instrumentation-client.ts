// Runs in the browser before React hydrates the page. On a unit page the editor's chunks are
// fetched from here, while the page hydrates, instead of once hydration has reached the editor
// (components/editor/code-editor.tsx imports the same module, and gets this download).
if (location.pathname.startsWith("/lessons/")) {
  performance.mark("editor:import");
  void import("@/components/editor/monaco-editor").catch(() => undefined);
}
