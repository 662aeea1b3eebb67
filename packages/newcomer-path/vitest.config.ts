import { defineConfig } from "vitest/config";

// One fresh clone, installed once, runs every README command in turn: minutes, not seconds.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30 * 60_000,
    hookTimeout: 10 * 60_000,
  },
});
