// Bundles the sandbox worker to plain JS: piscina loads it by file name in its own thread,
// from Next.js, the CLI, tests and the benchmark alike. Packages stay external.
import { build } from "esbuild";

await build({
  entryPoints: { worker: "lib/runner/worker/entry.ts" },
  outdir: ".engine",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "inline",
  logLevel: "warning",
});
