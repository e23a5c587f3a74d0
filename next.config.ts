import type { NextConfig } from "next";
import { REQUEST_BODY_LIMIT_SETTING } from "./lib/http/body-limit";
import { STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

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
    serverActions: { bodySizeLimit: REQUEST_BODY_LIMIT_SETTING },
  },
  poweredByHeader: false,
  // next start gzips every response on the fly; for the editor's ~9 MB of JS that cost the server
  // seconds of CPU per fresh visit under load, and over loopback or a classroom LAN raw bytes
  // arrive sooner. A reverse proxy in front (any Internet deployment) should compress instead.
  compress: false,
  // Files the proxy does not see (public/, build assets) get the headers that need no nonce.
  async headers() {
    return [{ source: "/:path*", headers: Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value })) }];
  },
};

export default nextConfig;
