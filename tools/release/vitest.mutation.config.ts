import { defineConfig } from "vitest/config";

// The tests that judge the release diff for `npm run mutation`: the scenario test replays whole
// releases in a scratch repository and says nothing about the diff that spec-diff.test.ts does not.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    include: ["src/spec-diff.test.ts"],
  },
});
