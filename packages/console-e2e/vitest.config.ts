import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    // The whole platform, simulated traffic and a real browser, on a machine that may be shared.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
