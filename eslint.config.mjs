import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // A leading underscore marks a deliberately unused name (e.g. omitting a field with rest).
      "@typescript-eslint/no-unused-vars": [
        "warn",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
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
    // Learner programs (content and grading fixtures) are checked by the sandbox, some on purpose broken.
    "lessons/**",
    "lib/lessons/fixtures/**",
    "out/**",
    "build/**",
  ]),
]);
