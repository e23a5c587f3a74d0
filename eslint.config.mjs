import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".engine/**",
    ".redis/**",
    "public/monaco/**",
    "node_modules/**",
    "test-results/**",
    "playwright-report/**",
    "e2e/artifacts/**",
    "next-env.d.ts",
    "out/**",
    "build/**",
  ]),
]);
