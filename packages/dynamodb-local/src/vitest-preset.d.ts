import type { ViteUserConfig } from "vitest/config";

export declare function integrationTestConfig(overrides?: ViteUserConfig): ViteUserConfig;
