import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-synth.ts"],
    // A hang guard, not a speed check: synthesizing loads the AWS provider bindings, and on a
    // loaded 2-core machine a fresh-clone run measured one synth at 7x its quiet time (4 s -> 30 s+).
    testTimeout: 180_000,
  },
});
