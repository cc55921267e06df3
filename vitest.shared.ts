import { defineConfig } from "vitest/config";

// What every package's tests share. `npm test` runs all suites at once under turbo on a machine of
// two cores, so a test that takes a second alone can take twenty while the Python matrix, the
// compilers and Chromium run beside it. A test's limit is there to end a hang, not to measure: one
// generous limit for every test and hook, set here and nowhere else (shared-config.test.ts).
export const LIMIT_MS = 300_000;

export default defineConfig({ test: { testTimeout: LIMIT_MS, hookTimeout: LIMIT_MS } });
