import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-synth.ts"],
    // Synthesizing loads the AWS provider bindings; a longer timeout covers a cold file cache.
    testTimeout: 30_000,
  },
});
