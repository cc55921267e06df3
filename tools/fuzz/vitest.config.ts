import { defineConfig } from "vitest/config";

// Each runtime's pass spawns its interpreter and checks thousands of cases on both sides.
export default defineConfig({ test: { testTimeout: 180_000 } });
