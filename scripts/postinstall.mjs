// After `npm install`: serve Monaco from our own origin (no CDN) and build the sandbox worker.
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";

const from = "node_modules/monaco-editor/min/vs";
const to = "public/monaco/vs";
if (existsSync(from)) {
  rmSync(to, { recursive: true, force: true });
  mkdirSync("public/monaco", { recursive: true });
  cpSync(from, to, { recursive: true });
}
if (existsSync("scripts/build-engine.mjs") && existsSync("node_modules/esbuild")) {
  execFileSync(process.execPath, ["scripts/build-engine.mjs"], { stdio: "inherit" });
}
