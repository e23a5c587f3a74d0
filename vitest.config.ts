import { configDefaults, defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  esbuild: { jsx: "automatic" },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.tsx", "scripts/**/*.test.ts", "app/**/*.test.ts", "test/**/*.test.ts"],
    // test/cluster starts (and breaks) a Redis Cluster of its own: the `cluster` stage runs it
    // (scripts/test.mjs), the single-server suite does not.
    exclude: [...configDefaults.exclude, ...(process.env.PLAYGROUND_REDIS === "cluster" ? [] : ["test/cluster/**"])],
    globalSetup: ["./scripts/vitest-global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
