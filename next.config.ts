import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The runner loads these at run time in worker threads (WASM, native-ish deps, piscina's
  // own worker files); bundling them would break their file lookups.
  serverExternalPackages: [
    "piscina",
    "ioredis",
    "quickjs-emscripten",
    "quickjs-emscripten-core",
    "@jitl/quickjs-wasmfile-release-sync",
    "sucrase",
    "@ioredis/commands",
  ],
  experimental: {
    // Learner code is capped at 64 KB by the action's schema; this only bounds the request.
    serverActions: { bodySizeLimit: "256kb" },
  },
  poweredByHeader: false,
};

export default nextConfig;
