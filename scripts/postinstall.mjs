// After `npm install`: build the sandbox worker. (Monaco needs no copying: Next.js bundles its
// ESM build into content-hashed files served from our own origin.)
import { existsSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";

// Left over from when Monaco was copied into public/ (its AMD build); no longer served.
rmSync("public/monaco", { recursive: true, force: true });
if (existsSync("scripts/build-engine.mjs") && existsSync("node_modules/esbuild")) {
  execFileSync(process.execPath, ["scripts/build-engine.mjs"], { stdio: "inherit" });
}
