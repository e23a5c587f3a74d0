// Entry of the TypeScript language worker, bundled by Next.js into its own content-hashed file.
import "monaco-editor/language/typescript/ts.worker.js";
