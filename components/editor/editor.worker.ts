// Entry of Monaco's base editor worker (word suggestions, links), bundled into its own file.
import "monaco-editor/editor/editor.worker.js";
