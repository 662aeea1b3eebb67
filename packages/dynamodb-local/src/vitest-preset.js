// Plain JavaScript: Vitest loads config files (and what they import from node_modules) with Node
// itself, which cannot run TypeScript.
import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vitest/config";

/**
 * Vitest config for a package whose tests talk to DynamoDB Local: one server per run, shared by
 * every test file, stopped when the run ends.
 * @param {import("vitest/config").ViteUserConfig} [overrides]
 */
export function integrationTestConfig(overrides = {}) {
  return mergeConfig(
    defineConfig({
      test: {
        include: ["test/**/*.test.ts"],
        globalSetup: [fileURLToPath(new URL("./vitest-global-setup.ts", import.meta.url))],
        // Quiet logs in tests: warnings and errors still show, and tests that assert on logs spy on the console.
        env: {
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
          POWERTOOLS_LOG_LEVEL: "WARN",
          POWERTOOLS_METRICS_DISABLED: "true",
          // DynamoDB Local on a CI machine shared by parallel runs can take seconds to answer; the
          // production budget (2 s) is for DynamoDB. Fault tests set their own.
          DYNAMODB_TIMEOUT_MS: "15000",
        },
        // Generous: CI shares two cores between two test runs, each with its own JVM.
        testTimeout: 120_000,
        hookTimeout: 60_000,
      },
    }),
    overrides,
  );
}
