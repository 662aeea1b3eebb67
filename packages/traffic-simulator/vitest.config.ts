import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    // The end-to-end test starts the whole platform (DynamoDB Local, recommender, stream consumer)
    // on a machine that may be shared: generous.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
