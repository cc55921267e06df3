import { defineConfig } from "vitest/config";

// Several tests run the whole pipeline (every target, json-schema-to-typescript and prettier
// included) while turbo runs the other packages' suites on the same two cores: 5 s is too tight.
export default defineConfig({ test: { testTimeout: 60_000 } });
