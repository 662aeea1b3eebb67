import { defineConfig, mergeConfig, type ViteUserConfig } from "vitest/config";

/** Vitest config for a package whose tests talk to DynamoDB Local: one server per run, shared by all files. */
export function integrationTestConfig(overrides: ViteUserConfig = {}): ViteUserConfig {
  return mergeConfig(
    defineConfig({
      test: {
        include: ["test/**/*.test.ts"],
        globalSetup: [new URL("./vitest-global-setup.ts", import.meta.url).pathname],
        env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
        testTimeout: 30_000,
        hookTimeout: 60_000,
      },
    }),
    overrides,
  );
}
