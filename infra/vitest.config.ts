import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Synthesizing loads the AWS provider bindings once per file; a longer timeout covers a cold cache.
    testTimeout: 30_000,
  },
});
