import { defineConfig } from "vitest/config";

// The tests that judge load/, check/ and normalize/ for `npm run mutation`: the whole-pipeline
// tests (generate, drift, the command) rerun every emitter and say nothing more about them.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    include: ["src/**/*.test.ts"],
    exclude: ["src/generate.test.ts", "src/cli.test.ts", "src/emit/**", "src/write/**", "src/boundaries.test.ts"],
  },
});
