import { integrationTestConfig } from "./src/vitest-preset";

export default integrationTestConfig();
