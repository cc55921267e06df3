import { defineConfig } from "vitest/config";

// The compilers and pyright runs take seconds each while turbo runs other suites on the same cores.
export default defineConfig({ test: { testTimeout: 60_000 } });
